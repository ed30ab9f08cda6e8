-- The kept purchase lines with integer keys: written once after cleaning, so that the stages that work on purchases
-- (recommendations) read small integer rows instead of copying the lines with their strings.
-- purchase_lines: one row per kept line with quantity > 0 (a missing quantity counts as 1), a customer and a product;
-- every key is dense (0, 1, ...) in the order of the text it stands for, so sorting by the key sorts by the text.
-- Dimensions: purchase_customers, purchase_products (description: the product's name, product_names.sql, else its
-- code), purchase_countries (a missing country is 'Unknown'); orders are numbered by clean_lines' order_id in a
-- temporary table.
-- The kept lines (a table since session 11) are read twice: once grouped (the distinct values of each key) and once
-- per line, joined to the numbered values on the texts themselves (exact). While clean_lines was a view over a
-- positional join, DuckDB estimated it at 0 rows and built its hash tables from the lines, so the lines went through
-- 64-bit hashes of their texts and a collision check instead; that cost twice the CPU of this join.

CREATE OR REPLACE TEMP TABLE purchase_values AS
SELECT grouping(customer_id) AS no_customer, grouping(stock_code) AS no_product, grouping(order_id) AS no_order,
       customer_id, stock_code, order_id, coalesce(country, 'Unknown') AS country, count(*) AS lines
FROM clean_lines
WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL
GROUP BY GROUPING SETS ((customer_id), (stock_code), (order_id), (coalesce(country, 'Unknown')));

CREATE OR REPLACE TABLE purchase_customers AS
SELECT (row_number() OVER (ORDER BY customer_id) - 1)::INTEGER AS customer_key, customer_id
FROM purchase_values WHERE no_customer = 0;

CREATE OR REPLACE TABLE purchase_products AS
SELECT (row_number() OVER (ORDER BY v.stock_code) - 1)::INTEGER AS product_key, v.stock_code, coalesce(n.description, v.stock_code) AS description
FROM purchase_values v
LEFT JOIN product_names n USING (stock_code)
WHERE v.no_product = 0;

CREATE OR REPLACE TABLE purchase_countries AS
SELECT (row_number() OVER (ORDER BY country) - 1)::INTEGER AS country_key, country
FROM purchase_values WHERE no_customer = 1 AND no_product = 1 AND no_order = 1;

CREATE OR REPLACE TEMP TABLE purchase_orders AS
SELECT (row_number() OVER (ORDER BY order_id) - 1)::INTEGER AS order_key, order_id
FROM purchase_values WHERE no_order = 0;

DROP TABLE purchase_values;

CREATE OR REPLACE TABLE purchase_lines AS
SELECT c.customer_key, p.product_key, o.order_key, l.invoice_date::DATE AS purchase_day, coalesce(l.quantity, 1) AS quantity,
       l.amount, k.country_key
FROM clean_lines l
JOIN purchase_customers c ON c.customer_id = l.customer_id
JOIN purchase_products p ON p.stock_code = l.stock_code
JOIN purchase_orders o ON o.order_id = l.order_id
JOIN purchase_countries k ON k.country = coalesce(l.country, 'Unknown')
WHERE coalesce(l.quantity, 1) > 0;

DROP TABLE purchase_orders;
