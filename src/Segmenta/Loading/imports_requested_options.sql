-- The options a user gave for an import (JSON of "--option": value), so a later import of the same file with other
-- options is noticed. Added here rather than in schema.sql so stores created before it gain the column.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS requested_options VARCHAR;
