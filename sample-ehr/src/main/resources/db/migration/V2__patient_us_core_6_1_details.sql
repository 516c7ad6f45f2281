-- US Core 6.1.0 Patient elements the first schema did not record (USCDI v3 must support):
-- sex (us-core-sex), gender identity, tribal affiliation, and since when the name and address apply.
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

-- SNOMED CT code of the patient's sex for clinical use, e.g. 248152002 (female), 248153007 (male).
ALTER TABLE patient ADD COLUMN sex_code VARCHAR(20);
-- SNOMED CT code of the gender identity the patient stated, or a null flavor such as ASKU.
ALTER TABLE patient ADD COLUMN gender_identity_code VARCHAR(20);
-- Code of the tribal entity (HL7 v3 TribalEntityUS), for American Indian or Alaska Native patients who gave one.
ALTER TABLE patient ADD COLUMN tribal_affiliation_code VARCHAR(10);
-- Since when the current name and the current address apply.
ALTER TABLE patient ADD COLUMN name_since DATE;
ALTER TABLE patient ADD COLUMN address_since DATE;
