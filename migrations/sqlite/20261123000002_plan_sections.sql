-- The rest of the care and support plan, its agreed versions and review requests.

-- Written sections (formulation, crisis plan words, care and treatment, care team, review
-- settings) as JSON documents: each is read and written whole, and versions snapshot them.
CREATE TABLE plan_sections (
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    PRIMARY KEY (plan_id, section)
);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- JSON array of the smaller steps, in order.
    steps TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX goals_plan ON goals(plan_id);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    what TEXT NOT NULL,
    who TEXT NOT NULL CHECK (who IN ('me', 'carer', 'key_worker', 'service')),
    carer_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
    service_name TEXT NOT NULL DEFAULT '',
    -- Days since 1970-01-01.
    due_day BIGINT,
    status TEXT NOT NULL DEFAULT 'to_do' CHECK (status IN ('to_do', 'done', 'not_needed')),
    status_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    status_at BIGINT,
    created_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    CHECK ((who = 'carer') = (carer_id IS NOT NULL))
);
CREATE INDEX actions_plan ON actions(plan_id);
CREATE INDEX actions_carer ON actions(carer_id);

CREATE TABLE crisis_contacts (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    phone TEXT NOT NULL,
    available TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX crisis_contacts_plan ON crisis_contacts(plan_id);

CREATE TABLE review_requests (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    topics TEXT NOT NULL,
    requested_by BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    requested_at BIGINT NOT NULL,
    -- Set when the key worker marks it dealt with (or a review is agreed).
    closed_at BIGINT
);
CREATE INDEX review_requests_plan ON review_requests(plan_id);

-- Each agreed version of a plan: the whole content as JSON, and who agreed it when.
CREATE TABLE plan_versions (
    id INTEGER PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    owner_agreed_at BIGINT NOT NULL,
    worker_id BIGINT REFERENCES accounts(id) ON DELETE SET NULL,
    worker_name TEXT NOT NULL,
    worker_agreed_at BIGINT NOT NULL,
    UNIQUE (plan_id, number)
);

-- One party's agreement to the plan as it stood (by content hash), waiting for the other's.
CREATE TABLE plan_agreements (
    plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    agreed_at BIGINT NOT NULL,
    PRIMARY KEY (plan_id, account_id)
);
