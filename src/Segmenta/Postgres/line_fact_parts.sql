-- The facts about the lines that the report's overview and the single-value checks read (Postgres/LineFacts.cs),
-- computed where the lines are: on one server once, on a cluster on every shard in parallel over its own raw_lines and
-- clean_lines. Every value is a count, a sum, a minimum or a maximum that Postgres/line_facts.sql adds up on the
-- coordinator, exact in any order: a customer lives on one shard, so distinct customers per shard add up. Orders,
-- products and countries are not per customer (an order's lines may name two customers), so each shard lists its
-- distinct values (with their kept lines: the main country is the one with the most), and the coordinator counts the
-- distinct values of the union. A NULL value is a group of its own, as in DuckDB's per-country count of
-- Reporting/overview.sql.
DROP TABLE IF EXISTS line_fact_parts;
CREATE TABLE line_fact_parts AS
SELECT r.lines_loaded, r.lines_without_amount, k.first_date, k.last_date, k.revenue, k.lines, k.customers
FROM (SELECT count(*) AS lines_loaded, count(*) FILTER (WHERE amount IS NULL) AS lines_without_amount FROM raw_lines) r
CROSS JOIN (
    SELECT min(invoice_date) AS first_date, max(invoice_date) AS last_date, sum(amount) AS revenue, count(*) AS lines,
           count(DISTINCT customer_id COLLATE "C") AS customers -- byte equality, sorted by memcmp (Postgres/exploration_parts.sql)
    FROM clean_lines
) k;

DROP TABLE IF EXISTS line_fact_value_parts;
CREATE TABLE line_fact_value_parts AS
SELECT CASE WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(stock_code) = 0 THEN 'product' ELSE 'order' END AS kind,
       CASE WHEN GROUPING(country) = 0 THEN country WHEN GROUPING(stock_code) = 0 THEN stock_code ELSE order_id END AS value,
       count(*) AS lines
FROM clean_lines
GROUP BY GROUPING SETS ((country), (stock_code), (order_id));
