-- revision: e1f6a8c3d529
-- down_revision: 7b90e2d4c6a3
-- message: index orders by customer without locking writes
-- create_date: 2025-11-18 22:10:03
-- transactional: false

-- migrate:up
-- CONCURRENTLY cannot run inside a transaction block, hence transactional: false.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_placed_at_idx
    ON orders (customer_id, placed_at DESC);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_placed_at_idx;
