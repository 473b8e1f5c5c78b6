-- revision: 9a0c5e2b8d47
-- down_revision: 4d3b7f9a0e82
-- message: track inventory levels per warehouse
-- create_date: 2025-12-09 14:55:30
-- transactional: true

-- migrate:up
CREATE TABLE inventory_levels (
    product_id  bigint      NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    warehouse   text        NOT NULL,
    on_hand     integer     NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved    integer     NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, warehouse),
    CHECK (reserved <= on_hand)
);

-- migrate:down
DROP TABLE inventory_levels;
