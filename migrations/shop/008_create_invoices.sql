-- revision: 6e13c8b0f5d2
-- down_revision: 0b7c3e5f8a14
-- depends_on: d4e8f1a26c90
-- message: create invoices
-- create_date: 2025-10-14 10:00:00
-- transactional: true

-- migrate:up
-- Invoices print the billing address, so they depend on customer_addresses
-- from the main line even though they live on the billing branch.
CREATE TABLE invoices (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id            bigint      NOT NULL REFERENCES orders (id),
    number              text        NOT NULL UNIQUE,
    billing_address_id  bigint      REFERENCES customer_addresses (id),
    total_cents         integer     NOT NULL CHECK (total_cents >= 0),
    issued_at           timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE invoices;
