-- The segments' category preferences' line-level part (Categories/segment_category_preferences.sql), where the lines
-- are: every segment's spend on each category from customer_category_spend (Postgres/category_sum_parts.sql) and the
-- memberships sent there (profiled_memberships). Sums, counts and maxima per segment and category, regrouped by
-- Postgres/segment_category_preferences.sql: a customer lives on one shard, so buyers add up and the biggest buyer is
-- the largest of the shards' biggest.
DROP TABLE IF EXISTS segment_category_parts;
CREATE TABLE segment_category_parts AS
SELECT s.segmentation, s.segment_id, c.category, sum(c.spend) AS spend, count(*) AS buyers, max(c.spend) AS top_buyer_spend
FROM profiled_memberships s
JOIN customer_category_spend c USING (customer_id)
GROUP BY s.segmentation, s.segment_id, c.category;
