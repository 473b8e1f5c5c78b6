-- revision: 8f02d6c4a1b7
-- down_revision: 3c1e9a7b2d40
-- message: make customer emails unique regardless of case
-- create_date: 2025-09-03 14:02:10
-- transactional: true

-- migrate:up
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

-- migrate:down
DROP INDEX customers_email_key;
