-- Revenue concentration: for x = 1..100, the share of revenue made by the top x% of customers by spend
-- (ceil(x% of customers) customers; ties broken by customer id).
CREATE OR REPLACE TABLE exploration_pareto AS
WITH ranked AS (
    SELECT row_number() OVER (ORDER BY revenue DESC, customer_id) AS rank,
           sum(revenue) OVER (ORDER BY revenue DESC, customer_id ROWS UNBOUNDED PRECEDING) AS cumulative_revenue
    FROM exploration_customers
),
total AS (
    SELECT count(*) AS customers, sum(revenue) AS revenue FROM exploration_customers
),
points AS (
    SELECT p.range AS customer_percent, ceil(t.customers * p.range / 100.0)::BIGINT AS top_customers, t.revenue
    FROM range(1, 101) p
    CROSS JOIN total t
    WHERE t.customers > 0
)
SELECT p.customer_percent::INTEGER AS customer_percent,
       p.top_customers,
       r.cumulative_revenue::DOUBLE AS revenue,
       (r.cumulative_revenue / nullif(p.revenue, 0))::DOUBLE AS revenue_share
FROM points p
JOIN ranked r ON r.rank = p.top_customers
ORDER BY p.customer_percent;
