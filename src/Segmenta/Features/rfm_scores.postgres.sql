-- PostgreSQL variant of rfm_scores.sql: DROP + CREATE, and / for DuckDB's integer division //. The scores use the
-- same rule (1 + floor(5 * share of customers strictly worse)); 5 * (rank - 1) / count is an integer division of
-- non-negative integers here, equal to the floor of DuckDB's exact double quotient.
DROP TABLE IF EXISTS customers CASCADE;
CREATE TABLE customers AS
WITH scored AS (
    SELECT f.*,
           CAST(1 + 5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER () AS INTEGER) AS r_score,
           CAST(1 + 5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER () AS INTEGER) AS f_score,
           CASE WHEN monetary IS NOT NULL THEN CAST(1 + 5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER () AS INTEGER) END AS m_score
    FROM customer_features f
)
SELECT s.*, m.segment AS rfm_segment
FROM scored s
LEFT JOIN rfm_segment_map m
  ON s.r_score BETWEEN m.r_min AND m.r_max
 AND (s.f_score + coalesce(s.m_score, s.f_score) + 1) / 2 BETWEEN m.fm_min AND m.fm_max
ORDER BY s.customer_id COLLATE "C";
ALTER TABLE customers ADD PRIMARY KEY (customer_id);
