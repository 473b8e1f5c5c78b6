-- revision: c07d6c8e5b77
-- down_revision: ae5b4a6c3f55, bf6c5b7d4a66
-- message: merge purchasing into main

-- migrate:up

-- migrate:down
