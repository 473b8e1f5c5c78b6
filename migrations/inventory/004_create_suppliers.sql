-- revision: 9d4a3f5b2e44
-- down_revision: 8c3f2e4a1d33
-- branch_labels: purchasing
-- message: create suppliers
-- create_date: 2026-02-05 08:45:00

-- migrate:up
CREATE TABLE suppliers (
    id     INTEGER      NOT NULL PRIMARY KEY,
    name   VARCHAR(200) NOT NULL,
    email  VARCHAR(200)
);

-- migrate:down
DROP TABLE suppliers;
