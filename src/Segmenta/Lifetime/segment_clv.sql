-- Predicted lifetime value per segment of every segmentation in customer_segments, at one horizon ($horizon, days).
-- CLV is summed as customers.csv shows it (rounded to cents), so a segment's total is the sum of its customers' cells.
WITH valued AS (
    SELECT c.customer_id, c.churn_risk, round(h.clv, 2)::DECIMAL(18, 2) AS clv
    FROM customer_clv c
    JOIN customer_clv_horizons h ON h.customer_id = c.customer_id AND h.horizon_days = $horizon
),
overall AS (
    SELECT avg(clv) AS mean_clv FROM valued
)
SELECT m.segmentation,
       m.segment_id,
       count(*) AS customers,
       sum(v.clv) AS total_clv,
       avg(v.clv) AS mean_clv,
       avg(v.clv) / nullif(any_value(o.mean_clv), 0) AS clv_index,
       avg(CASE WHEN v.churn_risk = 'High' THEN 1.0 ELSE 0.0 END) AS high_churn_risk_share
FROM customer_segments m
JOIN valued v USING (customer_id)
CROSS JOIN overall o
GROUP BY m.segmentation, m.segment_id
ORDER BY m.segmentation, m.segment_id;
