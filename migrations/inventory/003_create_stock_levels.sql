-- revision: 8c3f2e4a1d33
-- down_revision: 7b2e1d3f0c22
-- message: create stock levels
-- create_date: 2026-02-04 11:30:00

-- migrate:up
CREATE TABLE stock_levels (
    warehouse_id  INTEGER NOT NULL,
    item_id       INTEGER NOT NULL,
    quantity      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (warehouse_id, item_id),
    FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    FOREIGN KEY (item_id) REFERENCES items (id)
);

-- migrate:down
DROP TABLE stock_levels;
