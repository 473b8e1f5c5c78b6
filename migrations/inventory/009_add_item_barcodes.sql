-- revision: e29f8e0a7d99
-- down_revision: d18e7d9f6c88
-- message: add item barcodes
-- create_date: 2026-02-10 13:00:00

-- migrate:up
ALTER TABLE items ADD COLUMN barcode VARCHAR(64);

-- migrate:down
ALTER TABLE items DROP COLUMN barcode;
