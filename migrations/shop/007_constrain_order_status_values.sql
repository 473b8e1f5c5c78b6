-- revision: a92f4d1e7b36
-- down_revision: d4e8f1a26c90
-- message: constrain order status values
-- create_date: 2025-10-09 15:31:12
-- transactional: true

-- migrate:up
UPDATE orders SET status = 'pending'
 WHERE status NOT IN ('pending', 'paid', 'shipped', 'cancelled', 'refunded');

ALTER TABLE orders
    ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled', 'refunded'));

-- migrate:down
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
