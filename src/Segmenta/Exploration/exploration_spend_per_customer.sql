-- Distribution of spend per customer (sum of kept line amounts, returns not netted) in bands [lower, upper).
CREATE OR REPLACE TABLE exploration_spend_per_customer AS
WITH bands(band, lower, upper) AS (
    VALUES (1, NULL, 100.0), (2, 100.0, 250.0), (3, 250.0, 500.0), (4, 500.0, 1000.0), (5, 1000.0, 2500.0),
           (6, 2500.0, 5000.0), (7, 5000.0, 10000.0), (8, 10000.0, 50000.0), (9, 50000.0, NULL)
),
total AS (
    SELECT count(*) AS customers, sum(revenue) AS revenue FROM exploration_customers
)
SELECT b.band::INTEGER AS band,
       b.lower::DOUBLE AS lower_spend,
       b.upper::DOUBLE AS upper_spend,
       count(c.customer_id)::BIGINT AS customers,
       coalesce(sum(c.revenue), 0)::DOUBLE AS revenue,
       coalesce(count(c.customer_id) / nullif(any_value(t.customers), 0), 0)::DOUBLE AS customer_share,
       coalesce(sum(c.revenue) / nullif(any_value(t.revenue), 0), 0)::DOUBLE AS revenue_share
FROM bands b
CROSS JOIN total t
LEFT JOIN exploration_customers c
       ON (b.lower IS NULL OR c.revenue >= b.lower) AND (b.upper IS NULL OR c.revenue < b.upper)
GROUP BY b.band, b.lower, b.upper
ORDER BY b.band;
