-- A shard's copy of the coordinator's purchase keys (Postgres/purchase_dimensions.sql, same columns and types),
-- filled by a binary COPY from the coordinator (Postgres/PostgresPurchases.cs) before the shard writes its lines.
DROP TABLE IF EXISTS purchase_customers;
CREATE TABLE purchase_customers (customer_key INTEGER, customer_id TEXT);
DROP TABLE IF EXISTS purchase_products;
CREATE TABLE purchase_products (product_key INTEGER, stock_code TEXT, description TEXT);
DROP TABLE IF EXISTS purchase_countries;
CREATE TABLE purchase_countries (country_key INTEGER, country TEXT);
DROP TABLE IF EXISTS purchase_order_keys;
CREATE TABLE purchase_order_keys (order_key INTEGER, order_id TEXT);
