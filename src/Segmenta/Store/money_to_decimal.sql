-- Stores made before money became exact kept quantity, unit_price and amount as DOUBLE. Converting each value to the
-- nearest DECIMAL(18,4) restores the text it was read from (every source value has at most 4 decimals), so the
-- lines of an old store and of a fresh import of the same file are then equal.
ALTER TABLE raw_lines ALTER quantity TYPE DECIMAL(18,4);
ALTER TABLE raw_lines ALTER unit_price TYPE DECIMAL(18,4);
ALTER TABLE raw_lines ALTER amount TYPE DECIMAL(18,4);
