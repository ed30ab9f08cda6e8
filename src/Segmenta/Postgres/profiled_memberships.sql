-- On the server (or every shard): the memberships of every segmentation, which the segments' top products and the
-- category preferences join to the lines there.
DROP TABLE IF EXISTS profiled_memberships;
CREATE TABLE profiled_memberships (segmentation TEXT NOT NULL, customer_id TEXT NOT NULL, segment_id INTEGER NOT NULL);
