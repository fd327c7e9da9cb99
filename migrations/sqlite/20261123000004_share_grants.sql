-- What the person shares with each carer, section by section. Rows are never deleted: a
-- revocation or an expiry ends a grant, and the rows are the consent history.
CREATE TABLE share_grants (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    grantee_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    granted_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE INDEX share_grants_plan ON share_grants(plan_id, grantee_id);
