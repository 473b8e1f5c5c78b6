-- revision: 7b2e1d3f0c22
-- down_revision: 6a1f0c2e9b11
-- message: create items
-- create_date: 2026-02-03 10:15:00

-- migrate:up
CREATE TABLE items (
    id    INTEGER      NOT NULL PRIMARY KEY,
    sku   VARCHAR(32)  NOT NULL UNIQUE,
    name  VARCHAR(200) NOT NULL,
    unit  VARCHAR(16)  NOT NULL DEFAULT 'each'
);

-- migrate:down
DROP TABLE items;
