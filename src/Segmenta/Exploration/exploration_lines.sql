-- The kept purchase lines, read once from clean_lines (a view over a positional join) into plain temp tables that
-- every exploration table scans: the lines with their month, one row per customer (cohort = month of the first
-- purchase) and one row per customer and month with the month offset from the cohort.
CREATE OR REPLACE TEMP TABLE exploration_lines AS
SELECT order_id, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country,
       date_trunc('month', invoice_date)::DATE AS month
FROM clean_lines;

CREATE OR REPLACE TEMP TABLE exploration_customers AS
SELECT customer_id,
       min(month) AS cohort_month,
       count(DISTINCT order_id) AS orders,
       sum(amount) AS revenue
FROM exploration_lines
GROUP BY customer_id;

CREATE OR REPLACE TEMP TABLE exploration_customer_months AS
SELECT l.customer_id, l.month, c.cohort_month,
       date_diff('month', c.cohort_month, l.month) AS month_offset,
       sum(l.amount) AS revenue
FROM exploration_lines l
JOIN exploration_customers c USING (customer_id)
GROUP BY ALL;
