-- RFM quintile scores 1..5 (5 = best) and the named segment of every customer.
-- Score = 1 + floor(5 * share of customers strictly worse): customers with equal values always get equal scores,
-- so heavy ties (a third of customers bought once) stay together in one score rather than being split at random.
-- Table rfm_segment_map(segment, r_min, r_max, fm_min, fm_max) maps (R, FM) to a segment; FM = round half up of (F + M) / 2.
-- Without amounts (a file of customer and date) Monetary is NULL, M is left out (m_score NULL) and FM = F: the
-- segments are RF segments on the same map (docs/features.md).
CREATE OR REPLACE TABLE customers AS
WITH scored AS (
    SELECT f.*,
           CAST(1 + floor(5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER ()) AS INTEGER) AS r_score,
           CAST(1 + floor(5 * (rank() OVER (ORDER BY frequency) - 1) / count(*) OVER ()) AS INTEGER) AS f_score,
           CASE WHEN monetary IS NOT NULL THEN CAST(1 + floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()) AS INTEGER) END AS m_score
    FROM customer_features f
)
SELECT s.*, m.segment AS rfm_segment
FROM scored s
LEFT JOIN rfm_segment_map m
  ON s.r_score BETWEEN m.r_min AND m.r_max
 AND (s.f_score + coalesce(s.m_score, s.f_score) + 1) // 2 BETWEEN m.fm_min AND m.fm_max
ORDER BY s.customer_id;
