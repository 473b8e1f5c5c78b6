-- revision: 6a1f0c2e9b11
-- message: create warehouses
-- create_date: 2026-02-02 09:00:00

-- migrate:up
CREATE TABLE warehouses (
    id    INTEGER      NOT NULL PRIMARY KEY,
    code  VARCHAR(16)  NOT NULL UNIQUE,
    name  VARCHAR(100) NOT NULL
);
INSERT INTO warehouses (id, code, name) VALUES (1, 'MAIN', 'Main warehouse');

-- migrate:down
DROP TABLE warehouses;
