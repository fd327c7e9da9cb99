-- A single action shared with a carer: a grant on the actions section that names the action.
-- Grants without an action share the whole section, as before. Removing the action removes
-- its grants (CASCADE, never SET NULL: a grant must never widen to the whole section).
ALTER TABLE share_grants ADD COLUMN action_id BIGINT REFERENCES actions(id) ON DELETE CASCADE;
