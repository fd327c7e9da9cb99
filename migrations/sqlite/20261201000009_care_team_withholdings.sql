-- The care team (key workers in the person's team other than the named one) sees the plan by
-- default; the person may stop sharing a section with them. Rows are never deleted: sharing
-- again ends a row, and the rows are the consent history.
CREATE TABLE care_team_withholdings (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    withheld_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    withheld_at BIGINT NOT NULL,
    restored_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    restored_at BIGINT
);
CREATE INDEX care_team_withholdings_plan ON care_team_withholdings(plan_id);
