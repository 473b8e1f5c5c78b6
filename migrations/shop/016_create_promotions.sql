-- revision: b5e7d0a9c312
-- down_revision: 9a0c5e2b8d47
-- message: create promotions
-- create_date: 2026-01-12 09:30:00
-- transactional: true

-- migrate:up
CREATE TABLE promotions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text        NOT NULL UNIQUE,
    percent_off  integer     NOT NULL CHECK (percent_off BETWEEN 1 AND 100),
    starts_at    timestamptz NOT NULL,
    ends_at      timestamptz,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);

-- migrate:down
DROP TABLE promotions;
