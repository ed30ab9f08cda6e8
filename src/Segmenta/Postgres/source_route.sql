-- On a shard that holds part of a --table source: the table its rows are inserted into, partitioned by hash of the
-- distribution key as the coordinator's raw_lines is (the same type and modulus give the same remainder), with the
-- shard's own staging table as the partition of its own remainder; the other remainders' partitions are
-- foreign tables on the other shards' staging tables (Postgres/ShardedTableSource.cs).
CREATE TABLE source_route (LIKE source_lines) PARTITION BY HASH (distribution_key);
ALTER TABLE source_route ATTACH PARTITION source_lines FOR VALUES WITH (MODULUS {modulus}, REMAINDER {remainder});
