-- PostgreSQL counterpart of segment_top_products in Profiling/segment_profiles.sql (five products per segment by
-- units and five by revenue), on the coordinator over Postgres/segment_product_parts.sql (the shards' on a cluster).
-- The exact NUMERIC sums are cast to double precision as DuckDB casts its DECIMAL sums; ties by product code in byte
-- order; DuckDB sorts NULLs last in both directions, PostgreSQL first when descending: NULLS LAST is explicit. A
-- product's description is its name (the coordinator's product_names, Postgres/purchase_dimensions.sql).
DROP TABLE IF EXISTS segment_top_products;
CREATE TABLE segment_top_products AS
WITH sales AS (
    SELECT segmentation, segment_id, stock_code, sum(units)::double precision AS units, sum(revenue)::double precision AS revenue,
           sum(buyers)::bigint AS buyers
    FROM segment_product_parts
    GROUP BY segmentation, segment_id, stock_code
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY units DESC NULLS LAST, stock_code COLLATE "C") AS rank_by_units,
           row_number() OVER (PARTITION BY segmentation, segment_id ORDER BY revenue DESC NULLS LAST, stock_code COLLATE "C") AS rank_by_revenue
    FROM sales
)
SELECT r.segmentation, r.segment_id, r.stock_code, n.description, r.units, r.revenue, r.buyers, r.rank_by_units, r.rank_by_revenue
FROM ranked r
LEFT JOIN product_names n USING (stock_code)
WHERE r.rank_by_units <= 5 OR r.rank_by_revenue <= 5;
