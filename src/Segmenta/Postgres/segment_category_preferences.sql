-- PostgreSQL counterpart of Categories/segment_category_preferences.sql (see it for what the index is), on the
-- coordinator over Postgres/segment_category_parts.sql (the shards' on a cluster). Sums of NUMERIC exact in any order;
-- DuckDB divides DECIMALs as doubles, so every division here is of the same two numbers cast to double precision.
DROP TABLE IF EXISTS segment_category_preferences;
CREATE TABLE segment_category_preferences AS
WITH segment_spend AS (
    SELECT segmentation, segment_id, category, sum(spend) AS spend, sum(buyers) AS buyers, max(top_buyer_spend) AS top_buyer_spend
    FROM segment_category_parts
    GROUP BY segmentation, segment_id, category
),
shares AS (
    SELECT *,
           sum(spend) OVER (PARTITION BY segmentation, segment_id) AS segment_total,
           sum(spend) OVER (PARTITION BY segmentation, category) AS category_total,
           sum(spend) OVER (PARTITION BY segmentation) AS total
    FROM segment_spend
)
SELECT segmentation, segment_id, category, buyers::bigint AS buyers,
       spend::numeric(18,4) AS spend,
       segment_total::numeric(18,4) AS segment_spend,
       spend::double precision / nullif(segment_total, 0)::double precision AS share,
       category_total::double precision / nullif(total, 0)::double precision AS overall_share,
       (spend::double precision / nullif(segment_total, 0)::double precision)
           / nullif(category_total::double precision / nullif(total, 0)::double precision, 0) AS spend_index,
       top_buyer_spend::numeric(18,4) AS top_buyer_spend,
       ((spend - top_buyer_spend)::double precision / nullif(segment_total - top_buyer_spend, 0)::double precision)
           / nullif(category_total::double precision / nullif(total, 0)::double precision, 0) AS robust_index
FROM shares;
