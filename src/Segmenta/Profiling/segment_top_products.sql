-- Top products per segment by units and by revenue (five each), for every segmentation read through the view
-- profiled_segments (ProfiledScope). Run with the joins planned as written (Store/WrittenJoinOrder): the lines probe
-- hash tables of the customers' memberships and of the ranked products. DuckDB 1.5 estimates the view clean_lines (a
-- POSITIONAL JOIN) at 0 rows and otherwise builds its hash tables on the lines (every line with its columns: 7.5M at
-- 10M lines, 75M at 100M, which spilled over 12 GB there; decision 59).
--
-- The lines are read once per customer's combination of segments (its segment in each segmentation: a few dozen
-- combinations), not once per segmentation: joining the lines to the memberships directly gave each line one row per
-- segmentation and grouped them all (15M rows at 10M lines with two segmentations). A segment's sums are the sums of
-- its combinations' exact DECIMAL partial sums, converted to DOUBLE once, so the figures are the same; its buyers are
-- the sum of its combinations' distinct buyers (each customer is in one combination). The buyers are read for the
-- ranked products only, in one more pass. A product's description is its name (Cleaning/product_names.sql), the same in
-- every segment and every output.
CREATE OR REPLACE TABLE segment_top_products AS
WITH pairs AS (
    SELECT segmentation, segment_id, (row_number() OVER (ORDER BY segmentation, segment_id) - 1)::INTEGER AS pair
    FROM (SELECT DISTINCT segmentation, segment_id FROM profiled_segments)
),
memberships AS (
    -- list_sort after list, not list(... ORDER BY ...): an ordered aggregate sorted per customer and cost seconds.
    SELECT m.customer_id, list_sort(list(p.pair)) AS pairs
    FROM profiled_segments m
    JOIN pairs p USING (segmentation, segment_id)
    GROUP BY m.customer_id
),
combinations AS (
    SELECT pairs, (row_number() OVER (ORDER BY pairs) - 1)::INTEGER AS combination
    FROM (SELECT DISTINCT pairs FROM memberships)
),
customer_combinations AS (
    SELECT m.customer_id, c.combination FROM memberships m JOIN combinations c USING (pairs)
),
combination_segments AS (
    SELECT c.combination, p.segmentation, p.segment_id
    FROM (SELECT combination, unnest(pairs) AS pair FROM combinations) c
    JOIN pairs p USING (pair)
),
combination_sales AS (
    SELECT c.combination, l.stock_code, sum(l.quantity) AS units, sum(l.amount) AS revenue
    FROM clean_lines l
    JOIN customer_combinations c USING (customer_id)
    WHERE l.stock_code IS NOT NULL
    GROUP BY c.combination, l.stock_code
),
sales AS (
    SELECT s.segmentation, s.segment_id, c.stock_code, sum(c.units)::DOUBLE AS units, sum(c.revenue)::DOUBLE AS revenue
    FROM combination_sales c
    JOIN combination_segments s USING (combination)
    GROUP BY s.segmentation, s.segment_id, c.stock_code
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY units DESC NULLS LAST, stock_code) AS rank_by_units,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY revenue DESC, stock_code) AS rank_by_revenue
    FROM sales
    QUALIFY rank_by_units <= 5 OR rank_by_revenue <= 5
),
combination_described AS (
    SELECT c.combination, l.stock_code, count(DISTINCT l.customer_id) AS buyers
    FROM clean_lines l
    JOIN customer_combinations c USING (customer_id)
    WHERE l.stock_code IN (SELECT stock_code FROM ranked)
    GROUP BY c.combination, l.stock_code
),
described AS (
    SELECT s.segmentation, s.segment_id, d.stock_code, sum(d.buyers)::BIGINT AS buyers
    FROM combination_described d
    JOIN combination_segments s USING (combination)
    GROUP BY s.segmentation, s.segment_id, d.stock_code
)
SELECT r.segmentation, r.segment_id, r.stock_code, n.description, r.units, r.revenue, d.buyers, r.rank_by_units, r.rank_by_revenue
FROM ranked r
LEFT JOIN described d USING (segmentation, segment_id, stock_code)
LEFT JOIN product_names n USING (stock_code);
