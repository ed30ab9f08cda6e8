-- PostgreSQL counterpart of Categories/product_descriptions.sql (see it for the rule), on the kept lines' counts per
-- product code, description and category value of Postgres/category_text_parts.sql (the shards' on a cluster): each
-- product with its most frequent non-empty description and category value, ties broken by the smaller text in byte
-- order (DISTINCT ON ... ORDER BY n DESC, text COLLATE "C" for DuckDB's arg_min(text, (-n, text))), the description
-- being the product's name where it has one (the coordinator's product_names, Postgres/purchase_dimensions.sql). One
-- row per product comes back; the categorisation itself (the vocabulary) stays in C#.
WITH counted AS (
    SELECT coalesce(stock_code, nullif(trim(description), ''), '') AS product,
           nullif(trim(description), '') AS description,
           nullif(trim(category), '') AS category,
           sum(n) AS n
    FROM category_text_parts
    GROUP BY 1, 2, 3
),
descriptions AS (
    SELECT DISTINCT ON (product) product, description
    FROM (SELECT product, description, sum(n) AS n FROM counted WHERE description IS NOT NULL GROUP BY 1, 2) d
    ORDER BY product, n DESC, description COLLATE "C"
),
categories AS (
    SELECT DISTINCT ON (product) product, category
    FROM (SELECT product, category, sum(n) AS n FROM counted WHERE category IS NOT NULL GROUP BY 1, 2) c
    ORDER BY product, n DESC, category COLLATE "C"
)
SELECT p.product, coalesce(n.description, d.description) AS description, c.category
FROM (SELECT DISTINCT product FROM counted) p
LEFT JOIN product_names n ON n.stock_code = p.product
LEFT JOIN descriptions d USING (product)
LEFT JOIN categories c USING (product)
ORDER BY p.product COLLATE "C";
