-- revision: 2a5d9c7e1f08
-- down_revision: a92f4d1e7b36, f7d20a4b9e61
-- message: merge billing into main
-- create_date: 2025-10-28 09:15:00
-- transactional: true

-- migrate:up
-- Merge revision: joins the billing branch back into the main line. No schema change.

-- migrate:down
-- Merge revision: nothing to undo.
