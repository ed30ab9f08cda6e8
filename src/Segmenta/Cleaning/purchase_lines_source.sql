-- Which cleaning the purchase tables were made from ($f: the fingerprint of the line count and the cleaning report);
-- recommending reads the tables only while it matches the store's current cleaning.
CREATE OR REPLACE TABLE purchase_lines_source AS SELECT $f::VARCHAR AS fingerprint;
