-- Every product's name, chosen once here and read by every output that names a product (exploration, segment
-- profiles, categories, recommendations, frequently bought together, the dashboard, the report): of the trimmed,
-- non-empty descriptions on the product's kept purchase lines (clean_lines with quantity > 0 or none, a customer and a
-- stock code: the lines purchase_tables.sql keys), the one on the most lines; ties go to the smaller text in byte order
-- (DuckDB's default collation; PostgreSQL's COLLATE "C" in Postgres/purchase_dimensions.sql). Counts and byte order
-- depend on the lines only, not on their order in the file. NULL when none of the product's lines has a description.
-- The UCI data's 85123A is "WHITE HANGING HEART T-LIGHT HOLDER" on 2,302 kept lines and "CREAM ..." on 9 (its latest
-- description): each output used to pick by its own rule (latest, smallest, most frequent) and named it both ways.
-- Counted by the texts as stored first, trimmed after: trim then runs once per distinct text, not once per line.
CREATE OR REPLACE TABLE product_names AS
WITH stored AS (
    SELECT stock_code, description, count(*) AS n
    FROM clean_lines
    WHERE coalesce(quantity, 1) > 0 AND customer_id IS NOT NULL AND stock_code IS NOT NULL
    GROUP BY ALL
),
counted AS (
    SELECT stock_code, nullif(trim(description), '') AS description, sum(n) AS n
    FROM stored
    GROUP BY ALL
)
SELECT stock_code, arg_min(description, (-n, description)) FILTER (WHERE description IS NOT NULL) AS description
FROM counted
GROUP BY stock_code
ORDER BY stock_code;
