-- Suggested changes to a section, from the party who does not write it, and the writer's answer.
CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    author_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined')),
    decided_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    decided_at BIGINT
);
CREATE INDEX suggestions_plan ON suggestions(plan_id, status);
