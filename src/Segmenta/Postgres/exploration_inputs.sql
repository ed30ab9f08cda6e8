-- The exploration's inputs on the server (one server, or a cluster's coordinator over the shards' parts): the very
-- tables the first scripts of Exploration/Explorer.cs make from the lines (exploration_orders.sql,
-- exploration_product_stats.sql, exploration_price_points.sql), regrouped from Postgres/exploration_parts.sql. They are
-- one row per order, per product and per price point and product, and come back to the local store, where the rest of
-- the exploration runs on them with DuckDB's own SQL. Sums of NUMERIC and counts: exact in any order.
DROP TABLE IF EXISTS exploration_orders;
CREATE TABLE exploration_orders AS
SELECT order_id, invoice_date, min(customer_id COLLATE "C") AS customer_id, min(country COLLATE "C") AS country, min(month) AS month,
       sum(revenue) AS revenue, sum(quantity) AS quantity, sum(lines)::bigint AS lines
FROM exploration_order_parts
GROUP BY order_id, invoice_date;

DROP TABLE IF EXISTS exploration_product_stats;
CREATE TABLE exploration_product_stats AS
SELECT stock_code, sum(quantity) AS quantity, sum(revenue) AS revenue, sum(customers)::bigint AS customers, sum(lines)::bigint AS lines
FROM exploration_product_parts
GROUP BY stock_code;

DROP TABLE IF EXISTS exploration_price_points;
CREATE TABLE exploration_price_points AS
SELECT unit_price, stock_code, sum(lines)::bigint AS lines, sum(quantity) AS quantity, sum(revenue) AS revenue
FROM exploration_price_parts
GROUP BY unit_price, stock_code;
