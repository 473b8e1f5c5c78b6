-- revision: 5f6071829304
-- down_revision: 4e5f60718293
-- message: cycle right (points at cycle left)
-- create_date: 2025-09-05 10:00:00

-- migrate:up
SELECT 1;

-- migrate:down
SELECT 1;
