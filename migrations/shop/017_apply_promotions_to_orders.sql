-- revision: 13f8c6d2e9a4
-- down_revision: b5e7d0a9c312
-- message: apply promotions to orders
-- create_date: 2026-01-20 11:12:07
-- transactional: true

-- migrate:up
ALTER TABLE orders
    ADD COLUMN promotion_id   bigint  REFERENCES promotions (id),
    ADD COLUMN discount_cents integer NOT NULL DEFAULT 0 CHECK (discount_cents >= 0);

-- migrate:down
ALTER TABLE orders
    DROP COLUMN discount_cents,
    DROP COLUMN promotion_id;
