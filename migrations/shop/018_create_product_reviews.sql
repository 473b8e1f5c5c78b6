-- revision: 5f2a9b4e0c78
-- down_revision: 9a0c5e2b8d47
-- branch_labels: reviews
-- message: create product reviews
-- create_date: 2026-01-14 16:03:51
-- transactional: true

-- migrate:up
CREATE TABLE product_reviews (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id   bigint      NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    customer_id  bigint      NOT NULL REFERENCES customers (id),
    rating       smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (product_id, customer_id)
);

-- migrate:down
DROP TABLE product_reviews;
