-- What the registration form shows beside a code, as it was recorded (US Core 6.1.0 must support the coded
-- demographics with their displays and text): the preferred language as written ("English (United States)"),
-- the gender identity and the tribe with their names, and a death with its time as recorded, or known without its date.
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

ALTER TABLE patient ADD COLUMN language_display VARCHAR(200);
ALTER TABLE patient ADD COLUMN language_text VARCHAR(200);
ALTER TABLE patient ADD COLUMN gender_identity_display VARCHAR(200);
ALTER TABLE patient ADD COLUMN gender_identity_text VARCHAR(200);
ALTER TABLE patient ADD COLUMN tribal_affiliation_display VARCHAR(200);
ALTER TABLE patient ADD COLUMN tribal_affiliation_text VARCHAR(200);
-- The time of death as recorded (a date, or a date and time with its offset); deceased_date stays its day (the
-- column death-date searches).
ALTER TABLE patient ADD COLUMN deceased_text VARCHAR(40);
-- TRUE: the patient died and the date is not known (deceased_date, when known, implies it). NULL: not recorded.
ALTER TABLE patient ADD COLUMN deceased BOOLEAN;
