-- Temp input of the exploration tables: one row per order and invoice time (an order's lines normally share one
-- time), from clean_lines. Monthly, yearly, weekday-hour, country and customer tables read this instead of the lines.
-- An order belongs to one customer and one country; should its lines disagree, the smallest value wins (grouping by
-- order and time only is a third cheaper than grouping by all four).
CREATE OR REPLACE TEMP TABLE exploration_orders AS
SELECT order_id, invoice_date,
       min(customer_id) AS customer_id,
       min(country) AS country,
       date_trunc('month', invoice_date)::DATE AS month,
       sum(amount) AS revenue, sum(quantity) AS quantity, count(*) AS lines
FROM clean_lines
GROUP BY order_id, invoice_date;
