-- On every shard: its staged lines counted per distribution key, the lines with and without a customer apart (a
-- customer id may be some invoice's text too), and the table that receives each key's offset from the coordinator.
DROP TABLE IF EXISTS line_key_counts;
DROP TABLE IF EXISTS line_key_offsets;
CREATE {unlogged} TABLE line_key_counts AS
SELECT customer_id IS NULL AS anonymous, distribution_key, count(*) AS lines
FROM source_lines
GROUP BY 1, 2;
CREATE {unlogged} TABLE line_key_offsets (anonymous BOOLEAN, distribution_key TEXT, line_offset BIGINT);
