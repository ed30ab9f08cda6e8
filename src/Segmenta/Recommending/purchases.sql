-- The dimensions of the purchases the recommenders learn from, each numbered densely (0, 1, ...) in a fixed order.
-- Input: temp table rec_non_product_codes(pattern) of LIKE patterns (escape \). Non-products are removed here because
-- the classic cleaning preset keeps them. Each statement is one grouped scan of clean_lines: grouping the 400k lines by
-- (customer, product, order) in one step was three times slower than these small dimension tables.

-- The purchase lines, read once from the clean_lines view (each scan of the view re-reads every loaded line).
-- A file without a quantity column (a basket log) counts each line as one unit.
CREATE OR REPLACE TEMP TABLE rec_lines AS
SELECT customer_id, stock_code, order_id, invoice_date, coalesce(quantity, 1) AS quantity, amount, country
FROM clean_lines
WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL;

-- Products numbered by stock code; the description is the product's name (Cleaning/product_names.sql), else its code.
CREATE OR REPLACE TEMP TABLE rec_products AS
SELECT (row_number() OVER (ORDER BY codes.stock_code) - 1)::INTEGER AS product, codes.stock_code, coalesce(n.description, codes.stock_code) AS description
FROM (SELECT DISTINCT stock_code FROM rec_lines) codes
LEFT JOIN product_names n USING (stock_code)
WHERE NOT EXISTS (SELECT 1 FROM rec_non_product_codes p WHERE upper(codes.stock_code) LIKE upper(p.pattern) ESCAPE '\');

-- Customers numbered by id, with their most common country (their segments are read by SegmentLabels).
CREATE OR REPLACE TEMP TABLE rec_customers AS
SELECT (row_number() OVER (ORDER BY c.customer_id) - 1)::INTEGER AS customer, c.customer_id, c.country
FROM (SELECT customer_id, mode(country) AS country
      FROM rec_lines
      WHERE stock_code IN (SELECT stock_code FROM rec_products)
      GROUP BY customer_id) c;

-- Orders (invoices) numbered by id.
CREATE OR REPLACE TEMP TABLE rec_orders AS
SELECT (row_number() OVER (ORDER BY order_id) - 1)::INTEGER AS order_index, order_id
FROM (SELECT DISTINCT order_id FROM rec_lines);

-- Countries numbered by name (a customer's country at a reference day is taken from their lines up to that day).
CREATE OR REPLACE TEMP TABLE rec_countries AS
SELECT (row_number() OVER (ORDER BY country) - 1)::INTEGER AS country_index, country
FROM (SELECT DISTINCT coalesce(country, 'Unknown') AS country FROM rec_lines);
