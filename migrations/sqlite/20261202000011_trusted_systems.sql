-- A trusted system (the trust's own record system, a GP system) reads plans of one team as
-- FHIR, with a bearer token its team admin made. Only the token's hash is kept. Rows are
-- ended, not deleted, so "who looked" can still name a system that was stopped.
CREATE TABLE trusted_systems (
    id INTEGER PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX trusted_systems_team ON trusted_systems(team_id);

-- A read by a trusted system has no account: the log names the system instead.
ALTER TABLE access_log ADD COLUMN system_id BIGINT REFERENCES trusted_systems(id) ON DELETE SET NULL;
