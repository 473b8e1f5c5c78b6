-- revision: 3d4e5f607182
-- down_revision: 0ddba11f00d5
-- message: add widget sizes (its parent was deleted from the directory)
-- create_date: 2025-09-03 10:00:00

-- migrate:up
ALTER TABLE widgets ADD COLUMN size integer;

-- migrate:down
ALTER TABLE widgets DROP COLUMN size;
