-- revision: 4e5f60718293
-- down_revision: 5f6071829304
-- message: cycle left (points at cycle right)
-- create_date: 2025-09-04 10:00:00

-- migrate:up
SELECT 1;

-- migrate:down
SELECT 1;
