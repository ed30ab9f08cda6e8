-- Temp input: one row per customer with the cohort (month of first purchase), orders and revenue.
CREATE OR REPLACE TEMP TABLE exploration_customers AS
SELECT customer_id, min(month) AS cohort_month, count(DISTINCT order_id) AS orders, sum(revenue) AS revenue
FROM exploration_orders
GROUP BY customer_id;
