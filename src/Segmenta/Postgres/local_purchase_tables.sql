-- The purchase tables of a PostgreSQL run in the local store, with the names and types Cleaning/purchase_tables.sql
-- gives them on a DuckDB run, so recommending (PurchaseLogLoader) and `segmenta recommend`
-- read them as they read a DuckDB run's.
CREATE OR REPLACE TABLE purchase_customers (customer_key INTEGER, customer_id VARCHAR);
CREATE OR REPLACE TABLE product_names (stock_code VARCHAR, description VARCHAR);
CREATE OR REPLACE TABLE purchase_products (product_key INTEGER, stock_code VARCHAR, description VARCHAR);
CREATE OR REPLACE TABLE purchase_countries (country_key INTEGER, country VARCHAR);
CREATE OR REPLACE TABLE purchase_lines (
    customer_key INTEGER, product_key INTEGER, order_key INTEGER, purchase_day DATE, quantity DECIMAL(18,4), amount DECIMAL(18,4),
    country_key INTEGER
);
