-- revision: 2c3d4e5f6071
-- down_revision: 1b2c3d4e5f60
-- message: add widget colour
-- create_date: 2025-09-02 10:00:00

-- migrate:up
ALTER TABLE widgets ADD COLUMN colour text;

-- migrate:down
ALTER TABLE widgets DROP COLUMN colour;
