-- revision: ae5b4a6c3f55
-- down_revision: 9d4a3f5b2e44
-- message: create purchase orders
-- create_date: 2026-02-06 14:20:00

-- migrate:up
CREATE TABLE purchase_orders (
    id           INTEGER     NOT NULL PRIMARY KEY,
    supplier_id  INTEGER     NOT NULL,
    ordered_on   DATE        NOT NULL,
    status       VARCHAR(16) NOT NULL DEFAULT 'open',
    FOREIGN KEY (supplier_id) REFERENCES suppliers (id),
    CHECK (status IN ('open', 'received', 'cancelled'))
);

-- migrate:down
DROP TABLE purchase_orders;
