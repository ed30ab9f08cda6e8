-- The purchase tables' keys for the whole server or cluster (PostgreSQL counterpart of Cleaning/purchase_tables.sql),
-- made once on the coordinator from the values of Postgres/purchase_value_parts.sql (the union of the shards' on a
-- cluster): every key dense (0, 1, ...) in the byte order of the text it stands for (COLLATE "C", DuckDB's order), so
-- the keys are DuckDB's and the same on every shard. A product's description is its name (product_names below), else
-- its code. Orders are numbered by order_id (an order's lines are its customer's, so on one shard; DISTINCT all the same).
DROP TABLE IF EXISTS purchase_customers;
CREATE TABLE purchase_customers AS
SELECT (row_number() OVER (ORDER BY value COLLATE "C") - 1)::INTEGER AS customer_key, value AS customer_id
FROM (SELECT DISTINCT value FROM purchase_value_parts WHERE kind = 'customer') v;

-- The products' names (Cleaning/product_names.sql, which states the rule, on the same kept purchase lines): read by
-- the server's exploration, segment profiles, categories and product search, and brought back with the keys.
DROP TABLE IF EXISTS product_names;
CREATE TABLE product_names AS
WITH described AS (
    SELECT value AS stock_code, nullif(trim(description), '') AS description, sum(lines) AS n
    FROM purchase_value_parts WHERE kind = 'product'
    GROUP BY 1, 2
),
chosen AS (
    SELECT DISTINCT ON (stock_code) stock_code, description
    FROM described
    WHERE description IS NOT NULL
    ORDER BY stock_code, n DESC, description COLLATE "C"
)
SELECT c.stock_code, d.description
FROM (SELECT DISTINCT stock_code FROM described) c
LEFT JOIN chosen d USING (stock_code);

DROP TABLE IF EXISTS purchase_products;
CREATE TABLE purchase_products AS
SELECT (row_number() OVER (ORDER BY stock_code COLLATE "C") - 1)::INTEGER AS product_key, stock_code,
       coalesce(description, stock_code) AS description
FROM product_names;

DROP TABLE IF EXISTS purchase_countries;
CREATE TABLE purchase_countries AS
SELECT (row_number() OVER (ORDER BY value COLLATE "C") - 1)::INTEGER AS country_key, value AS country
FROM (SELECT DISTINCT value FROM purchase_value_parts WHERE kind = 'country') v;

DROP TABLE IF EXISTS purchase_order_keys;
CREATE TABLE purchase_order_keys AS
SELECT (row_number() OVER (ORDER BY value COLLATE "C") - 1)::INTEGER AS order_key, value AS order_id
FROM (SELECT DISTINCT value FROM purchase_value_parts WHERE kind = 'order') v;
