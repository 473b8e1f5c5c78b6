-- revision: d18e7d9f6c88
-- down_revision: c07d6c8e5b77
-- message: create stock movements
-- create_date: 2026-02-09 09:30:00

-- migrate:up
CREATE TABLE stock_movements (
    id            INTEGER      NOT NULL PRIMARY KEY,
    item_id       INTEGER      NOT NULL,
    warehouse_id  INTEGER      NOT NULL,
    quantity      INTEGER      NOT NULL,
    moved_at      TIMESTAMP    NULL,
    note          VARCHAR(200),
    FOREIGN KEY (item_id) REFERENCES items (id),
    FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
);
CREATE INDEX ix_stock_movements_item ON stock_movements (item_id);

-- migrate:down
DROP TABLE stock_movements;
