-- Temp input of the exploration tables: one row per order and invoice time (an order's lines normally share one
-- time), from clean_lines. Monthly, yearly, weekday-hour, country and customer tables read this instead of the lines.
CREATE OR REPLACE TEMP TABLE exploration_orders AS
SELECT order_id, invoice_date, customer_id, country,
       date_trunc('month', invoice_date)::DATE AS month,
       sum(amount) AS revenue, sum(quantity) AS quantity, count(*) AS lines
FROM clean_lines
GROUP BY ALL;
