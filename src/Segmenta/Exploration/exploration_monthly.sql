-- One row per calendar month from the first to the last month with sales (months without sales are zeros).
-- New customers made their first purchase in the data that month; returning customers bought that month and before.
CREATE OR REPLACE TABLE exploration_monthly AS
WITH months AS (
    SELECT CAST(unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH)) AS DATE) AS month FROM exploration_orders
),
sales AS (
    SELECT month, sum(revenue) AS revenue, count(DISTINCT order_id) AS orders, sum(quantity) AS items, sum(lines) AS lines
    FROM exploration_orders
    GROUP BY month
),
active AS (
    SELECT month, count(*) AS active_customers, count(*) FILTER (WHERE month_offset = 0) AS new_customers
    FROM exploration_customer_months
    GROUP BY month
)
SELECT m.month,
       coalesce(s.revenue, 0)::DOUBLE AS revenue,
       coalesce(s.orders, 0)::BIGINT AS orders,
       coalesce(a.active_customers, 0)::BIGINT AS active_customers,
       coalesce(a.new_customers, 0)::BIGINT AS new_customers,
       (coalesce(a.active_customers, 0) - coalesce(a.new_customers, 0))::BIGINT AS returning_customers,
       (s.revenue / nullif(s.orders, 0))::DOUBLE AS average_order_value,
       (s.items / nullif(s.orders, 0))::DOUBLE AS items_per_order,
       coalesce(s.lines, 0)::BIGINT AS lines
FROM months m
LEFT JOIN sales s USING (month)
LEFT JOIN active a USING (month)
ORDER BY m.month;
