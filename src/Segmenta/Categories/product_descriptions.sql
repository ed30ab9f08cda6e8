-- Each product of the kept lines with the value its category is taken from: the most frequent non-empty category
-- (when the data has a category column) or its description: its name (Cleaning/product_names.sql), the one every
-- output shows; for a product without one (no stock code, or none of its lines a purchase), the most frequent trimmed
-- description on its kept lines, ties broken by the smaller text, which is the same rule on the lines it has.
-- A product is its stock code; without stock codes, its description ('' when neither is known).
-- Variable use_column: true to read raw_lines.category, false for descriptions.
-- The kept lines are read from lines_with_outcome (rule NULL, the same lines as clean_lines), which carries every
-- column of raw_lines, the category included, without a second join to raw_lines.
WITH raw_counts AS (
    -- Counted by the texts as stored first, trimmed after: trim then runs once per distinct text, not once per line.
    SELECT stock_code, description, CASE WHEN getvariable('use_column') THEN category END AS category, count(*) AS n
    FROM lines_with_outcome
    WHERE rule IS NULL
    GROUP BY ALL
),
counted AS (
    SELECT coalesce(stock_code, nullif(trim(description), ''), '') AS product,
           nullif(trim(description), '') AS description,
           nullif(trim(category), '') AS category,
           sum(n) AS n
    FROM raw_counts
    GROUP BY ALL
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
SELECT p.product, coalesce(n.description, d.description) AS description, c.category
FROM (SELECT DISTINCT product FROM counted) p
LEFT JOIN product_names n ON n.stock_code = p.product
LEFT JOIN descriptions d USING (product)
LEFT JOIN categories c USING (product)
ORDER BY p.product;
