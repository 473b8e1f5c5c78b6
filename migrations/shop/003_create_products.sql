-- revision: 51ab7e0c9d23
-- down_revision: 8f02d6c4a1b7
-- message: create products
-- create_date: 2025-09-08 10:30:00
-- transactional: true

-- migrate:up
CREATE TABLE products (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku          text        NOT NULL UNIQUE,
    name         text        NOT NULL,
    description  text,
    price_cents  integer     NOT NULL CHECK (price_cents >= 0),
    currency     char(3)     NOT NULL DEFAULT 'EUR',
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE products;
