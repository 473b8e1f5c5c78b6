-- revision: c8e4b1f3a075
-- down_revision: 2a5d9c7e1f08
-- message: create shipments
-- create_date: 2025-11-04 17:02:58
-- transactional: true

-- migrate:up
CREATE TABLE shipments (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id         bigint      NOT NULL REFERENCES orders (id),
    address_id       bigint      NOT NULL REFERENCES customer_addresses (id),
    carrier          text        NOT NULL,
    tracking_number  text,
    shipped_at       timestamptz,
    delivered_at     timestamptz,
    CHECK (delivered_at IS NULL OR shipped_at IS NOT NULL)
);

CREATE INDEX shipments_order_id_idx ON shipments (order_id);

-- migrate:down
DROP TABLE shipments;
