-- Temp input: one row per customer and month with purchases, with the month offset from the customer's cohort.
CREATE OR REPLACE TEMP TABLE exploration_customer_months AS
SELECT o.customer_id, o.month, c.cohort_month,
       date_diff('month', c.cohort_month, o.month) AS month_offset,
       sum(o.revenue) AS revenue
FROM exploration_orders o
JOIN exploration_customers c USING (customer_id)
GROUP BY ALL;
