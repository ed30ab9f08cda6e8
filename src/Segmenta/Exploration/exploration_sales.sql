-- Temp input of the exploration tables: one row per stock code, unit price and customer, from clean_lines. Products
-- and the price distribution read it: one grouping with the customer costs less than count(DISTINCT customer_id)
-- per product plus a second scan of the lines grouped by price.
CREATE OR REPLACE TEMP TABLE exploration_sales AS
SELECT stock_code, unit_price, customer_id, count(*) AS lines, sum(quantity) AS quantity, sum(amount) AS revenue
FROM clean_lines
GROUP BY ALL;
