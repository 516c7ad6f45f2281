-- Searches find a patient's records by the patient's public id (p.public_id = ?) joined to the clinical table,
-- without naming the practice on the patient row; since V4 made public ids unique per practice only
-- (practice_id, public_id), nothing indexed public_id alone, and PostgreSQL scanned every patient of the database
-- for each such search: time grew with the number of patients (measured with bench/scale.sh at 1k and 10k).
CREATE INDEX ix_patient_public_id ON patient (public_id);
