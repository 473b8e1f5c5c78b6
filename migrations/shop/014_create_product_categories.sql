-- revision: 4d3b7f9a0e82
-- down_revision: e1f6a8c3d529
-- message: create product categories
-- create_date: 2025-12-01 10:25:44
-- transactional: true

-- migrate:up
CREATE TABLE categories (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id  bigint REFERENCES categories (id),
    slug       text   NOT NULL UNIQUE,
    name       text   NOT NULL
);

ALTER TABLE products ADD COLUMN category_id bigint REFERENCES categories (id);
CREATE INDEX products_category_id_idx ON products (category_id);

-- migrate:down
ALTER TABLE products DROP COLUMN category_id;
DROP TABLE categories;
