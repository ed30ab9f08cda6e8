-- Who is in which segment, for every segmentation of a run ('rfm', 'kmeans', 'gmm'): the one definition of the table.
CREATE TABLE IF NOT EXISTS customer_segments (
    segmentation VARCHAR NOT NULL,
    customer_id  VARCHAR NOT NULL,
    segment_id   INTEGER NOT NULL,
    segment_name VARCHAR,
    probability  DOUBLE
);
