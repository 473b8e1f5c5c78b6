-- revision: 7b90e2d4c6a3
-- down_revision: c8e4b1f3a075
-- message: add order_totals view
-- create_date: 2025-11-12 08:40:19
-- transactional: true

-- migrate:up
CREATE VIEW order_totals AS
SELECT o.id                                   AS order_id,
       o.customer_id,
       count(*)                               AS item_count,
       sum(i.quantity * i.unit_price_cents)   AS total_cents
  FROM orders o
  JOIN order_items i ON i.order_id = o.id
 GROUP BY o.id, o.customer_id;

-- migrate:down
DROP VIEW order_totals;
