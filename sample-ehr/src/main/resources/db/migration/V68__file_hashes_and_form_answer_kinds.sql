-- A file's SHA-1 hash and size in bytes as the sending system stated them (US Core must support a report's and a
-- document's attachment: a receiver checks a downloaded file against them). Base64 of the hash as in FHIR.
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

ALTER TABLE diagnostic_report_form ADD COLUMN file_hash VARCHAR(100);
ALTER TABLE diagnostic_report_form ADD COLUMN file_size INTEGER;
ALTER TABLE clinical_document_file ADD COLUMN file_hash VARCHAR(100);
ALTER TABLE clinical_document_file ADD COLUMN file_size INTEGER;

-- Answers on a form that are a whole number (a count, a score), yes/no, a date, a date and time, a time of day, or
-- a link (US Core must support every answer value); NULL when the answer is of another kind.
ALTER TABLE form_response_answer ADD COLUMN answer_integer INTEGER;
ALTER TABLE form_response_answer ADD COLUMN answer_boolean BOOLEAN;
ALTER TABLE form_response_answer ADD COLUMN answer_date_text VARCHAR(40);
ALTER TABLE form_response_answer ADD COLUMN answer_date_time_text VARCHAR(40);
ALTER TABLE form_response_answer ADD COLUMN answer_time VARCHAR(20);
ALTER TABLE form_response_answer ADD COLUMN answer_uri VARCHAR(1000);
