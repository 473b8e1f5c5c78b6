-- revision: bf6c5b7d4a66
-- down_revision: 8c3f2e4a1d33
-- message: add reorder points
-- create_date: 2026-02-06 16:05:00

-- migrate:up
CREATE TABLE reorder_points (
    item_id  INTEGER NOT NULL PRIMARY KEY,
    minimum  INTEGER NOT NULL,
    FOREIGN KEY (item_id) REFERENCES items (id),
    CHECK (minimum >= 0)
);

-- migrate:down
DROP TABLE reorder_points;
