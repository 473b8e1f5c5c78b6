-- revision: 0b7c3e5f8a14
-- down_revision: a7c4e2f90b15
-- branch_labels: billing
-- message: create payments
-- create_date: 2025-10-06 09:05:47
-- transactional: true

-- migrate:up
CREATE TABLE payments (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint      NOT NULL REFERENCES orders (id),
    amount_cents  integer     NOT NULL CHECK (amount_cents > 0),
    method        text        NOT NULL CHECK (method IN ('card', 'transfer', 'voucher')),
    status        text        NOT NULL DEFAULT 'authorized'
                              CHECK (status IN ('authorized', 'captured', 'failed', 'refunded')),
    provider_ref  text,
    captured_at   timestamptz
);

CREATE INDEX payments_order_id_idx ON payments (order_id);

-- migrate:down
DROP TABLE payments;
