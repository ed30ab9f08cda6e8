-- Temp input: one row per product (stock code) with units, revenue, distinct customers and kept lines, from clean_lines.
CREATE OR REPLACE TEMP TABLE exploration_product_stats AS
SELECT stock_code, sum(quantity) AS quantity, sum(amount) AS revenue, count(DISTINCT customer_id) AS customers, count(*) AS lines
FROM clean_lines
WHERE stock_code IS NOT NULL
GROUP BY stock_code;
