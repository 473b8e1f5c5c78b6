-- revision: f7d20a4b9e61
-- down_revision: 6e13c8b0f5d2
-- message: add refunds
-- create_date: 2025-10-21 13:47:36
-- transactional: true

-- migrate:up
CREATE TABLE refunds (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id    bigint      NOT NULL REFERENCES payments (id),
    amount_cents  integer     NOT NULL CHECK (amount_cents > 0),
    reason        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE refunds;
