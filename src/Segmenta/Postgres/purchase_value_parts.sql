-- The purchase tables' values (PostgreSQL counterpart of the first part of Cleaning/purchase_tables.sql), computed
-- where the lines are: on one server once, on a cluster on every shard in parallel over its own kept lines
-- (Postgres/PostgresPurchases.cs). One row per customer, per product code and description (with its line count), per
-- order and per country of the kept purchase lines (quantity > 0, a missing quantity counting as 1, with a customer and
-- a product; a missing country is 'Unknown'). Postgres/purchase_dimensions.sql numbers them on the coordinator. One
-- scan of the lines (grouping sets), as in DuckDB.
DROP TABLE IF EXISTS purchase_value_parts;
CREATE TABLE purchase_value_parts AS
SELECT CASE WHEN GROUPING(customer_id) = 0 THEN 'customer'
            WHEN GROUPING(stock_code) = 0 THEN 'product'
            WHEN GROUPING(order_id) = 0 THEN 'order'
            ELSE 'country' END AS kind,
       CASE WHEN GROUPING(customer_id) = 0 THEN customer_id
            WHEN GROUPING(stock_code) = 0 THEN stock_code
            WHEN GROUPING(order_id) = 0 THEN order_id
            ELSE coalesce(country, 'Unknown') END AS value,
       description,
       count(*) AS lines
FROM clean_lines
WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL
GROUP BY GROUPING SETS ((customer_id), (stock_code, description), (order_id), (coalesce(country, 'Unknown')));
