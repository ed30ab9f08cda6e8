-- Compact aggregates of the kept purchase lines that every exploration table reads, so clean_lines (a view over a
-- positional join, and the only large input) is scanned twice in all:
--   exploration_orders          one row per order and invoice time (an order's lines normally share one time)
--   exploration_sales           one row per stock code, unit price and customer: products and the price distribution
--                               (one grouping with the customer is cheaper than count(DISTINCT customer_id) per product
--                               plus a second grouping by price)
-- and from those, one row per product, per customer (cohort = month of first purchase) and per customer and month.
CREATE OR REPLACE TEMP TABLE exploration_orders AS
SELECT order_id, invoice_date, customer_id, country,
       date_trunc('month', invoice_date)::DATE AS month,
       sum(amount) AS revenue, sum(quantity) AS quantity, count(*) AS lines
FROM clean_lines
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE exploration_sales AS
SELECT stock_code, unit_price, customer_id, count(*) AS lines, sum(quantity) AS quantity, sum(amount) AS revenue
FROM clean_lines
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE exploration_product_stats AS
SELECT stock_code, sum(quantity) AS quantity, sum(revenue) AS revenue, count(DISTINCT customer_id) AS customers, sum(lines) AS lines
FROM exploration_sales
WHERE stock_code IS NOT NULL
GROUP BY stock_code;

CREATE OR REPLACE TEMP TABLE exploration_customers AS
SELECT customer_id, min(month) AS cohort_month, count(DISTINCT order_id) AS orders, sum(revenue) AS revenue
FROM exploration_orders
GROUP BY customer_id;

CREATE OR REPLACE TEMP TABLE exploration_customer_months AS
SELECT o.customer_id, o.month, c.cohort_month,
       date_diff('month', c.cohort_month, o.month) AS month_offset,
       sum(o.revenue) AS revenue
FROM exploration_orders o
JOIN exploration_customers c USING (customer_id)
GROUP BY ALL;
