-- Accounts, invitations, sessions, the plan and About Me, and the access log.
-- Times are Unix seconds (BIGINT) so both databases store and compare them the same way.
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('service_user', 'carer', 'key_worker', 'team_admin')),
    display_name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    team_id BIGINT REFERENCES teams(id),
    locale TEXT NOT NULL DEFAULT 'en',
    created_at BIGINT NOT NULL
);

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    owner_id BIGINT NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
    key_worker_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    team_id BIGINT REFERENCES teams(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX plans_key_worker ON plans(key_worker_id);

CREATE TABLE carers (
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    carer_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    relationship TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (plan_id, carer_id)
);
CREATE INDEX carers_carer ON carers(carer_id);

CREATE TABLE about_me (
    plan_id BIGINT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    who_i_am TEXT NOT NULL DEFAULT '',
    what_matters TEXT NOT NULL DEFAULT '',
    strengths TEXT NOT NULL DEFAULT '',
    working TEXT NOT NULL DEFAULT '',
    not_working TEXT NOT NULL DEFAULT '',
    people TEXT NOT NULL DEFAULT '',
    support TEXT NOT NULL DEFAULT '',
    communication TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL
);

CREATE TABLE access_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    actor_role TEXT NOT NULL,
    section TEXT NOT NULL,
    action TEXT NOT NULL
);
CREATE INDEX access_log_plan ON access_log(plan_id, at);
