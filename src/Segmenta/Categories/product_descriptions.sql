-- Each product of the kept lines with the value its category is taken from: the most frequent non-empty category
-- (when the data has a category column) or description (trimmed) on its kept lines, ties broken by the smaller text.
-- A product is its stock code; without stock codes, its description ('' when neither is known).
-- Variable use_column: true to read raw_lines.category, false for descriptions.
WITH lines AS (
    SELECT coalesce(c.stock_code, nullif(trim(c.description), ''), '') AS product,
           nullif(trim(c.description), '') AS description,
           CASE WHEN getvariable('use_column') THEN nullif(trim(r.category), '') END AS category
    FROM clean_lines c
    JOIN raw_lines r USING (import_id, line_number)
),
counted AS (
    SELECT product, description, category, count(*) AS n FROM lines GROUP BY ALL
),
descriptions AS (
    SELECT product, arg_min(description, (-n, description)) AS description
    FROM (SELECT product, description, sum(n) AS n FROM counted WHERE description IS NOT NULL GROUP BY ALL)
    GROUP BY product
),
categories AS (
    SELECT product, arg_min(category, (-n, category)) AS category
    FROM (SELECT product, category, sum(n) AS n FROM counted WHERE category IS NOT NULL GROUP BY ALL)
    GROUP BY product
)
SELECT p.product, d.description, c.category
FROM (SELECT DISTINCT product FROM counted) p
LEFT JOIN descriptions d USING (product)
LEFT JOIN categories c USING (product)
ORDER BY p.product;
