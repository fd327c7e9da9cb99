-- Web push: the server's VAPID key pair, each person's devices, what they choose to hear about,
-- and the outbox the worker sends from. Outbox rows are written in the same transaction as the
-- event that causes them, so a notification exists exactly when its event does.
CREATE TABLE vapid_keys (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    -- The raw P-256 private scalar and the uncompressed public point, base64url without padding.
    private_key TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE push_subscriptions (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    -- A name the person recognises the device by ("Firefox on Android").
    device TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_account ON push_subscriptions(account_id);

-- A row only where the person chose other than the default for that kind.
CREATE TABLE notification_choices (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    wanted BIGINT NOT NULL CHECK (wanted IN (0, 1)),
    PRIMARY KEY (account_id, kind)
);

CREATE TABLE push_outbox (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- SET NULL keeps the outcome of a notice to a device that has since gone.
    subscription_id BIGINT REFERENCES push_subscriptions(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    -- The page a click opens; never anything clinical.
    url TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- A worker's lease: another worker may take the row once it has passed.
    claimed_by TEXT,
    claimed_until BIGINT,
    -- NULL while waiting; then sent, gone (the push service forgot the device), refused or gave_up.
    outcome TEXT CHECK (outcome IN ('sent', 'gone', 'refused', 'gave_up')),
    last_status BIGINT,
    finished_at BIGINT
);
CREATE INDEX push_outbox_waiting ON push_outbox(next_attempt_at) WHERE outcome IS NULL;
CREATE INDEX push_outbox_subscription ON push_outbox(subscription_id);

-- Reminders already made, so that each is made once however many workers sweep.
CREATE TABLE push_reminders (
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    -- The due day of an action, or the 30-day period of a rating reminder.
    period BIGINT NOT NULL,
    made_at BIGINT NOT NULL,
    PRIMARY KEY (kind, subject_id, account_id, period)
);
