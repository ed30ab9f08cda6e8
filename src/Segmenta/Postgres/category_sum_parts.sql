-- The category tables' line-level part (Categories/category_summary.sql, segment_category_preferences.sql), computed
-- where the lines are (one server, or every shard in parallel), over the products' categories sent there
-- (product_categories, one row per product, the same on every shard: Citus would make it a reference table).
-- Sums and counts per category, regrouped by Postgres/category_summary.sql: a customer lives on one shard, so a
-- category's distinct customers per shard add up. customer_category_spend (one row per customer and category) stays
-- where it is made, for the segments' preferences (Postgres/segment_category_parts.sql).
-- Distinct values are counted and lines grouped by text under COLLATE "C": the same groups as the column's own collation
-- (PostgreSQL's default collation is deterministic, so its equality is byte equality), but sorted by memcmp with
-- abbreviated keys instead of the locale's strcoll: as in Postgres/exploration_parts.sql.
DROP TABLE IF EXISTS category_sold_parts;
CREATE TABLE category_sold_parts AS
SELECT (p.category COLLATE "C") COLLATE "default" AS category, count(*) AS lines, sum(l.quantity) AS quantity, sum(l.amount) AS revenue,
       count(DISTINCT l.customer_id COLLATE "C") AS customers
FROM clean_lines l
JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
GROUP BY p.category COLLATE "C";

-- Returned units and value per category both ways category_summary.sql counts them: matched returns (matched = true)
-- and, for a cleaning without matching, cancelled lines (matched = false).
DROP TABLE IF EXISTS category_returned_parts;
CREATE TABLE category_returned_parts AS
SELECT coalesce(p.category, 'other') AS category, l.rule = 'return' AS matched,
       -sum(coalesce(l.quantity, 0)) AS returned_quantity, -sum(l.amount) AS returned_value
FROM lines_with_outcome l
LEFT JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
WHERE l.rule IN ('return', 'cancelled_invoice', 'non_positive_quantity') AND coalesce(l.quantity, l.amount) < 0
GROUP BY 1, 2;

DROP TABLE IF EXISTS customer_category_spend;
CREATE TABLE customer_category_spend AS
SELECT l.customer_id, p.category, sum(l.amount) AS spend
FROM clean_lines l
JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
WHERE l.customer_id IS NOT NULL
GROUP BY l.customer_id, p.category;
