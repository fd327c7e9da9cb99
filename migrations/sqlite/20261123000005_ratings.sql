-- Self-ratings (DIALOG, the wellbeing wheel, goal progress). The answers are a JSON list of
-- {item, score, more_help}; scores are worked out from them, never stored twice.
-- request_key makes a form sent twice (a double tap, a retry after a timeout) one rating.
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    measure TEXT NOT NULL,
    request_key TEXT NOT NULL,
    answers TEXT NOT NULL,
    rated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    rated_at BIGINT NOT NULL,
    UNIQUE (plan_id, request_key)
);
CREATE INDEX ratings_plan ON ratings(plan_id, measure, rated_at);
