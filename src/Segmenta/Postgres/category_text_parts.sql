-- The product categories' line-level part (Categories/product_descriptions.sql), computed where the lines are: on one
-- server once, on a cluster on every shard in parallel (Postgres/PostgresLineStages.cs), each over its own kept lines.
-- Counts of kept lines per product code, description and category value as stored (the category only when
-- segmenta.use_column is true); Postgres/product_descriptions.sql adds them up on the coordinator, exact in any order.
DROP TABLE IF EXISTS category_text_parts;
CREATE TABLE category_text_parts AS
SELECT stock_code, description, CASE WHEN current_setting('segmenta.use_column')::boolean THEN category END AS category, count(*) AS n
FROM lines_with_outcome
WHERE rule IS NULL
GROUP BY 1, 2, 3;
