-- On the coordinator: each key's offset, the lines of every key before it in the order lines are numbered in
-- (PostgresSource.LineOrder: with a customer first, then by key in byte order), from the shards' counts (the
-- union of their line_key_counts), sent to the shard of the key through line_key_offsets, hash-partitioned by the key as
-- raw_lines is, with foreign partitions on the shards.  One row per key crosses, none per line.
DROP TABLE IF EXISTS line_key_offsets CASCADE;
CREATE TABLE line_key_offsets (anonymous BOOLEAN, distribution_key TEXT, line_offset BIGINT) PARTITION BY HASH (distribution_key);
{partitions}
INSERT INTO line_key_offsets (anonymous, distribution_key, line_offset)
SELECT anonymous, distribution_key,
       coalesce(sum(lines) OVER (ORDER BY anonymous, distribution_key COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
FROM ({counts}) counts;
DROP TABLE line_key_offsets CASCADE;
