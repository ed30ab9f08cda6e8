-- PostgreSQL counterpart of segment_top_products in Profiling/segment_profiles.sql (five products per segment by
-- units and five by revenue), on the coordinator over Postgres/segment_product_parts.sql (the shards' on a cluster).
-- The exact NUMERIC sums are cast to double precision as DuckDB casts its DECIMAL sums; ties by product code in byte
-- order; DuckDB sorts NULLs last in both directions, PostgreSQL first when descending: NULLS LAST is explicit.
DROP TABLE IF EXISTS segment_top_products;
CREATE TABLE segment_top_products AS
WITH sales AS (
    SELECT segmentation, segment_id, stock_code, sum(units)::double precision AS units, sum(revenue)::double precision AS revenue,
           sum(buyers)::bigint AS buyers, min(description COLLATE "C") AS description
    FROM segment_product_parts
    GROUP BY segmentation, segment_id, stock_code
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY units DESC NULLS LAST, stock_code COLLATE "C") AS rank_by_units,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY revenue DESC NULLS LAST, stock_code COLLATE "C") AS rank_by_revenue
    FROM sales
)
SELECT segmentation, segment_id, stock_code, description, units, revenue, buyers, rank_by_units, rank_by_revenue
FROM ranked
WHERE rank_by_units <= 5 OR rank_by_revenue <= 5;
