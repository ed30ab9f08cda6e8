-- One row per calendar year with sales. New customers made their first purchase in the data that year.
CREATE OR REPLACE TABLE exploration_yearly AS
WITH sales AS (
    SELECT year(invoice_date) AS year, sum(revenue) AS revenue, count(DISTINCT order_id) AS orders,
           count(DISTINCT customer_id) AS active_customers, sum(quantity) AS items, sum(lines) AS lines,
           min(invoice_date) AS first_sale, max(invoice_date) AS last_sale, count(DISTINCT month) AS months_with_sales
    FROM exploration_orders
    GROUP BY ALL
),
newcomers AS (
    SELECT year(cohort_month) AS year, count(*) AS new_customers FROM exploration_customers GROUP BY ALL
)
SELECT s.year::INTEGER AS year,
       s.revenue::DOUBLE AS revenue,
       s.orders::BIGINT AS orders,
       s.active_customers::BIGINT AS active_customers,
       coalesce(n.new_customers, 0)::BIGINT AS new_customers,
       (s.revenue / s.orders)::DOUBLE AS average_order_value,
       (s.items / s.orders)::DOUBLE AS items_per_order,
       s.lines::BIGINT AS lines,
       s.first_sale,
       s.last_sale,
       s.months_with_sales::BIGINT AS months_with_sales
FROM sales s
LEFT JOIN newcomers n USING (year)
ORDER BY s.year;
