-- Second part of purchase_tables.sql, once the hashes are known to be distinct within each dimension: the lines with
-- their dense keys. Unsorted: readers sort (by customer_key, purchase_day, order_key, product_key for the recommenders).
CREATE OR REPLACE TABLE purchase_lines AS
SELECT c.customer_key, p.product_key, o.order_key, l.purchase_day, l.quantity, l.amount, k.country_key
FROM purchase_line_hashes l
JOIN (SELECT customer_key, hash(customer_id) AS h FROM purchase_customers) c ON c.h = l.customer_hash
JOIN (SELECT product_key, hash(stock_code) AS h FROM purchase_products) p ON p.h = l.product_hash
JOIN purchase_order_keys o ON o.order_hash = l.order_hash
JOIN (SELECT country_key, hash(country) AS h FROM purchase_countries) k ON k.h = l.country_hash;

DROP TABLE purchase_line_hashes;
DROP TABLE purchase_order_keys;
