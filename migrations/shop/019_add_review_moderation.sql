-- revision: e09d3a7c1b56
-- down_revision: 5f2a9b4e0c78
-- message: add review moderation
-- create_date: 2026-01-27 10:48:15
-- transactional: true

-- migrate:up
ALTER TABLE product_reviews
    ADD COLUMN status       text NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'published', 'rejected')),
    ADD COLUMN moderated_at timestamptz;

CREATE INDEX product_reviews_pending_idx ON product_reviews (created_at) WHERE status = 'pending';

-- migrate:down
DROP INDEX product_reviews_pending_idx;
ALTER TABLE product_reviews
    DROP COLUMN moderated_at,
    DROP COLUMN status;
