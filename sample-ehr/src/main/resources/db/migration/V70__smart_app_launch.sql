-- SMART App Launch in the development authorization server: apps that users launch (patient and practitioner
-- apps, public or confidential), the EHR's users who log in to authorize them, and refresh tokens.
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

-- What kind of app a registration is for (the API program's use cases), whether the practice approved it, where
-- the authorization server may send its users back (space-separated exact URIs), the page the EHR opens for an
-- EHR launch, and whether it may hold refresh tokens. Existing rows are the system apps of before.
ALTER TABLE api_client ADD COLUMN use_case VARCHAR(20) DEFAULT 'system' NOT NULL;
ALTER TABLE api_client ADD COLUMN status VARCHAR(20) DEFAULT 'approved' NOT NULL;
ALTER TABLE api_client ADD COLUMN redirect_uris VARCHAR(4000);
ALTER TABLE api_client ADD COLUMN launch_uri VARCHAR(1000);
ALTER TABLE api_client ADD COLUMN refresh_allowed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE api_client ADD CONSTRAINT ck_api_client_use_case CHECK (use_case IN ('patient', 'practitioner', 'system'));
ALTER TABLE api_client ADD CONSTRAINT ck_api_client_status CHECK (status IN ('pending', 'approved', 'rejected'));
-- Public clients (browser and mobile apps) hold no credential; a system app always does.
ALTER TABLE api_client DROP CONSTRAINT ck_api_client_credential;
ALTER TABLE api_client ADD CONSTRAINT ck_api_client_credential
    CHECK (secret_hash IS NOT NULL OR jwks IS NOT NULL OR use_case <> 'system');

-- The people who log in at the authorization endpoint: portal users (a patient), clinicians (optionally a
-- Practitioner record, their fhirUser) and practice administrators (who approve registrations).
CREATE TABLE ehr_user (
    username         VARCHAR(64)  NOT NULL PRIMARY KEY,
    -- pbkdf2-sha256$iterations$salt$hash (Base64), as for client secrets.
    password_hash    VARCHAR(300) NOT NULL,
    user_role        VARCHAR(20)  NOT NULL,
    practice_id      BIGINT       NOT NULL,
    patient_id       BIGINT,
    practitioner_id  BIGINT,
    created_at       TIMESTAMP    NOT NULL,
    CONSTRAINT fk_ehr_user_practice FOREIGN KEY (practice_id) REFERENCES practice (id),
    CONSTRAINT fk_ehr_user_patient FOREIGN KEY (patient_id) REFERENCES patient (id),
    CONSTRAINT fk_ehr_user_practitioner FOREIGN KEY (practitioner_id) REFERENCES practitioner (id),
    CONSTRAINT ck_ehr_user_role CHECK (user_role IN ('patient', 'clinician', 'administrator')),
    CONSTRAINT ck_ehr_user_patient CHECK (user_role <> 'patient' OR patient_id IS NOT NULL)
);

-- Refresh tokens, stored only as SHA-256 hashes (they are 256-bit random values). A token is used once:
-- refreshing marks it used and issues the next of its family; presenting a used one again revokes the family.
CREATE TABLE auth_refresh_token (
    token_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    family_id         VARCHAR(64)   NOT NULL,
    client_id         VARCHAR(64)   NOT NULL,
    username          VARCHAR(64),
    scopes            VARCHAR(2000) NOT NULL,
    -- The launch context, ids only: the patient's public id and the user's FHIR reference.
    patient_public_id VARCHAR(64),
    fhir_user         VARCHAR(200),
    expires_at        TIMESTAMP     NOT NULL,
    used_at           TIMESTAMP,
    revoked_at        TIMESTAMP,
    created_at        TIMESTAMP     NOT NULL,
    CONSTRAINT fk_auth_refresh_token_client FOREIGN KEY (client_id) REFERENCES api_client (client_id)
);

CREATE INDEX ix_auth_refresh_token_family ON auth_refresh_token (family_id);
