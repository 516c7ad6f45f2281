-- The number of decimals an order's or dispense's amounts were written with (the value columns' scale pads them:
-- 1.0 tablet would come back as 1, and 1 as 1.0000), as the observation tables keep theirs (value_decimals).
-- NULL: written by an earlier version (served without trailing zeros).
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

ALTER TABLE medication_order ADD COLUMN dosage_period_decimals INTEGER;
ALTER TABLE medication_order ADD COLUMN dosage_dose_decimals INTEGER;
ALTER TABLE medication_order ADD COLUMN dispense_quantity_decimals INTEGER;

ALTER TABLE medication_dispense ADD COLUMN dosage_period_decimals INTEGER;
ALTER TABLE medication_dispense ADD COLUMN dosage_dose_decimals INTEGER;
ALTER TABLE medication_dispense ADD COLUMN quantity_decimals INTEGER;
