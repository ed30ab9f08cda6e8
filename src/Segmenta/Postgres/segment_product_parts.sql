-- The segment profiles' line-level part (segment_top_products in Profiling/segment_profiles.sql), where the lines are:
-- each customer's units and revenue per product, joined to the memberships sent there (profiled_memberships) and
-- summed per segment and product. Regrouped by Postgres/segment_top_products.sql: a customer lives on one shard, so
-- buyers add up.
DROP TABLE IF EXISTS segment_product_parts;
CREATE TABLE segment_product_parts AS
WITH bought AS (
    SELECT customer_id, stock_code, sum(quantity) AS units, sum(amount) AS revenue
    FROM clean_lines
    WHERE stock_code IS NOT NULL AND customer_id IS NOT NULL
    GROUP BY customer_id, stock_code
)
SELECT m.segmentation, m.segment_id, b.stock_code, sum(b.units) AS units, sum(b.revenue) AS revenue, count(*) AS buyers
FROM bought b
JOIN profiled_memberships m USING (customer_id)
GROUP BY m.segmentation, m.segment_id, b.stock_code;
