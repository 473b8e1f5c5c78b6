-- revision: 1b2c3d4e5f60
-- message: create widgets
-- create_date: 2025-09-01 10:00:00

-- migrate:up
CREATE TABLE widgets (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);

-- migrate:down
DROP TABLE widgets;
