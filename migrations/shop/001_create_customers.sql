-- revision: 3c1e9a7b2d40
-- message: create customers
-- create_date: 2025-09-01 09:12:44
-- transactional: true

-- migrate:up
CREATE TABLE customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL,
    full_name   text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE customers;
