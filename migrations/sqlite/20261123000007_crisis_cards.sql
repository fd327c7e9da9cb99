-- Crisis cards: a link (and its QR code) the person gives to A&E or ambulance staff that shows
-- the crisis plan only, read-only, until it expires or is stopped. Only the token's hash is
-- kept. Rows are never deleted: with their openings they are part of the consent history.
CREATE TABLE crisis_cards (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE INDEX crisis_cards_plan ON crisis_cards(plan_id);

-- Each time a card is opened.
CREATE TABLE crisis_card_openings (
    card_id BIGINT NOT NULL REFERENCES crisis_cards(id) ON DELETE CASCADE,
    at BIGINT NOT NULL
);
CREATE INDEX crisis_card_openings_card ON crisis_card_openings(card_id, at);
