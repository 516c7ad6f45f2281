-- The sample EHR's development authorization server: registered API clients (apps) and its token signing keys.
-- Portable SQL only: it runs unchanged on H2 and PostgreSQL.

-- One row per registered app, as a vendor's registration desk records it: the practice it may read, the scopes
-- it was granted, and how it authenticates (a client secret, stored only as a PBKDF2 hash, or a JWKS for
-- private_key_jwt, SMART Backend Services).
CREATE TABLE api_client (
    client_id    VARCHAR(64)    NOT NULL PRIMARY KEY,
    practice_id  BIGINT         NOT NULL,
    name         VARCHAR(200)   NOT NULL,
    -- Space-separated SMART scopes (v1 and v2 strings), as granted at registration.
    scopes       VARCHAR(2000)  NOT NULL,
    -- pbkdf2-sha256$iterations$salt$hash (Base64); null for key-only clients.
    secret_hash  VARCHAR(300),
    -- The client's public keys (JWKS JSON); null for secret-only clients.
    jwks         VARCHAR(20000),
    created_at   TIMESTAMP      NOT NULL,
    CONSTRAINT fk_api_client_practice FOREIGN KEY (practice_id) REFERENCES practice (id),
    CONSTRAINT ck_api_client_credential CHECK (secret_hash IS NOT NULL OR jwks IS NOT NULL)
);

-- The keys the development authorization server signs access tokens with (private JWK JSON), kept so that
-- tokens and cached JWKS stay valid across restarts. A real authorization server keeps these in an HSM/KMS.
CREATE TABLE auth_signing_key (
    kid         VARCHAR(64)    NOT NULL PRIMARY KEY,
    jwk         VARCHAR(20000) NOT NULL,
    created_at  TIMESTAMP      NOT NULL
);
