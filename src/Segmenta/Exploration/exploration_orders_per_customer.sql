-- Histogram of orders per customer: one bucket per count up to 10, then 11-20, 21-50, 51-100 and 101 or more.
CREATE OR REPLACE TABLE exploration_orders_per_customer AS
WITH buckets(bucket, lower, upper) AS (
    SELECT range, range, range FROM range(1, 11)
    UNION ALL VALUES (11, 11, 20), (12, 21, 50), (13, 51, 100), (14, 101, NULL)
),
total AS (
    SELECT count(*) AS customers, sum(revenue) AS revenue FROM exploration_customers
)
SELECT b.bucket::INTEGER AS bucket,
       b.lower::BIGINT AS lower_orders,
       b.upper::BIGINT AS upper_orders,
       count(c.customer_id)::BIGINT AS customers,
       coalesce(sum(c.revenue), 0)::DOUBLE AS revenue,
       coalesce(count(c.customer_id) / nullif(any_value(t.customers), 0), 0)::DOUBLE AS customer_share,
       coalesce(sum(c.revenue) / nullif(any_value(t.revenue), 0), 0)::DOUBLE AS revenue_share
FROM buckets b
CROSS JOIN total t
LEFT JOIN exploration_customers c ON c.orders >= b.lower AND (b.upper IS NULL OR c.orders <= b.upper)
GROUP BY b.bucket, b.lower, b.upper
ORDER BY b.bucket;
