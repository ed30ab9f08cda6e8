-- One row per country (lines without a country are '(unknown)'), by revenue. A customer who bought from two countries
-- counts in both, so customer shares can add up to slightly more than 1.
CREATE OR REPLACE TABLE exploration_countries AS
WITH countries AS (
    SELECT coalesce(country, '(unknown)') AS country, count(DISTINCT customer_id) AS customers,
           count(DISTINCT order_id) AS orders, sum(revenue) AS revenue, sum(lines) AS lines
    FROM exploration_orders
    GROUP BY ALL
),
total AS (
    SELECT (SELECT count(*) FROM exploration_customers) AS customers, sum(revenue) AS revenue FROM countries
)
SELECT c.country,
       c.customers::BIGINT AS customers,
       c.orders::BIGINT AS orders,
       c.revenue::DOUBLE AS revenue,
       (c.revenue / c.orders)::DOUBLE AS average_order_value,
       (c.revenue / nullif(t.revenue, 0))::DOUBLE AS revenue_share,
       (c.customers / nullif(t.customers, 0))::DOUBLE AS customer_share,
       c.lines::BIGINT AS lines
FROM countries c
CROSS JOIN total t
ORDER BY c.revenue DESC, c.country;
