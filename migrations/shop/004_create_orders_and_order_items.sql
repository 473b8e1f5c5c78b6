-- revision: a7c4e2f90b15
-- down_revision: 51ab7e0c9d23
-- message: create orders and order items
-- create_date: 2025-09-15 16:45:21
-- transactional: true

-- migrate:up
CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint      NOT NULL REFERENCES customers (id),
    status       text        NOT NULL DEFAULT 'pending',
    placed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
    order_id          bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id        bigint  NOT NULL REFERENCES products (id),
    quantity          integer NOT NULL CHECK (quantity > 0),
    unit_price_cents  integer NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, product_id)
);

-- migrate:down
DROP TABLE order_items;
DROP TABLE orders;
