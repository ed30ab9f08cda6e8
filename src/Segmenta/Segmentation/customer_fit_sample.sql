-- The customers a segmentation is fitted on when there are more than SegmentationOptions.FitSampleAbove: the first
-- {size} by the md5 of "seed:customer id". Not random(): its draws differ between engines (and between a cluster's
-- servers); md5 of the same text is the same 32 lowercase hex digits on DuckDB and PostgreSQL, and such strings sort
-- alike in every collation, so DuckDB, one PostgreSQL server and a cluster's coordinator draw the same customers for
-- the same seed, in any order of the rows. A different seed draws another sample; a customer's draw does not depend on
-- the others, so adding customers changes the sample only by the ones that hash first.
SELECT customer_id
FROM customers
ORDER BY md5('{seed}:' || customer_id), customer_id
LIMIT {size}
