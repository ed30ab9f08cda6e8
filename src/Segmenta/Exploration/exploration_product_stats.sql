-- Temp input: one row per product (stock code) with units, revenue, distinct customers and lines.
CREATE OR REPLACE TEMP TABLE exploration_product_stats AS
SELECT stock_code, sum(quantity) AS quantity, sum(revenue) AS revenue, count(DISTINCT customer_id) AS customers, sum(lines) AS lines
FROM exploration_sales
WHERE stock_code IS NOT NULL
GROUP BY stock_code;
