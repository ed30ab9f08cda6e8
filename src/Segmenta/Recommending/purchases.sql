-- The purchases the recommenders learn from: one row per order and product of the kept lines, with dense ids.
-- Inputs: temp table rec_non_product_codes(pattern) of LIKE patterns (escape \) and variable rec_segmentation
-- (the segmentation whose segment names are used; NULL when customer_segments is absent or empty).
-- Non-products are removed here because the classic cleaning preset keeps them.
CREATE OR REPLACE TEMP TABLE rec_order_lines AS
SELECT customer_id, stock_code, order_id,
       min(invoice_date)::DATE AS day,
       sum(quantity)::DOUBLE AS units,
       sum(amount)::DOUBLE AS revenue,
       any_value(country) AS country
FROM clean_lines
WHERE quantity > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL
GROUP BY customer_id, stock_code, order_id;

DELETE FROM rec_order_lines WHERE stock_code IN (
    SELECT c.stock_code
    FROM (SELECT DISTINCT stock_code FROM rec_order_lines) c
    JOIN rec_non_product_codes n ON upper(c.stock_code) LIKE upper(n.pattern) ESCAPE '\');

-- Products numbered by stock code; the description is the most common one of the kept lines.
CREATE OR REPLACE TEMP TABLE rec_products AS
SELECT (row_number() OVER (ORDER BY p.stock_code) - 1)::INTEGER AS product, p.stock_code,
       coalesce(d.description, p.stock_code) AS description
FROM (SELECT DISTINCT stock_code FROM rec_order_lines) p
LEFT JOIN (
    SELECT stock_code, arg_max(description, n) AS description
    FROM (SELECT stock_code, trim(description) AS description, count(*) AS n
          FROM clean_lines WHERE description IS NOT NULL AND trim(description) <> ''
          GROUP BY ALL)
    GROUP BY stock_code) d USING (stock_code);

-- Customers numbered by id, with their most common country and their segment's name.
CREATE OR REPLACE TEMP TABLE rec_customers AS
SELECT (row_number() OVER (ORDER BY c.customer_id) - 1)::INTEGER AS customer, c.customer_id, c.country, s.segment_name
FROM (SELECT customer_id, mode(country) AS country FROM rec_order_lines GROUP BY customer_id) c
LEFT JOIN (SELECT customer_id, any_value(coalesce(segment_name, 'segment ' || segment_id)) AS segment_name
           FROM customer_segments WHERE segmentation = getvariable('rec_segmentation') GROUP BY customer_id) s
       USING (customer_id);
