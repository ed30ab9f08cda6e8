-- Each product of the kept lines with the value its category is taken from: the most frequent non-empty category
-- (when the data has a category column) or description (trimmed) on its kept lines, ties broken by the smaller text.
-- A product is its stock code; without stock codes, its description ('' when neither is known).
-- Variable use_column: true to read raw_lines.category, false for descriptions.
-- The kept lines are read from lines_with_outcome (rule NULL, the same lines as clean_lines), which carries every
-- column of raw_lines, the category included, without a second join to raw_lines.
WITH lines AS (
    SELECT coalesce(stock_code, nullif(trim(description), ''), '') AS product,
           nullif(trim(description), '') AS description,
           CASE WHEN getvariable('use_column') THEN nullif(trim(category), '') END AS category
    FROM lines_with_outcome
    WHERE rule IS NULL
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
