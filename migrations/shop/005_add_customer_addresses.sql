-- revision: d4e8f1a26c90
-- down_revision: a7c4e2f90b15
-- message: add customer addresses
-- create_date: 2025-10-02 11:20:05
-- transactional: true

-- migrate:up
CREATE TABLE customer_addresses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint  NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind         text    NOT NULL CHECK (kind IN ('billing', 'shipping')),
    line1        text    NOT NULL,
    line2        text,
    city         text    NOT NULL,
    postal_code  text    NOT NULL,
    country      char(2) NOT NULL
);

CREATE INDEX customer_addresses_customer_id_idx ON customer_addresses (customer_id);

-- migrate:down
DROP TABLE customer_addresses;
