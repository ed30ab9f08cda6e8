-- Products whose code or description contains every word of the search (case-insensitive), best sellers first.
-- $w1..$w4 are the words (NULL when fewer were given). A product is found by any description on its lines and shown
-- with its name (Cleaning/product_names.sql), as in every other output.
SELECT m.stock_code, n.description, m.revenue, m.customers
FROM (
SELECT stock_code, round(sum(amount), 2)::DOUBLE AS revenue, count(DISTINCT customer_id) AS customers
FROM clean_lines
WHERE stock_code IS NOT NULL
  AND ($w1 IS NULL OR contains(lower(stock_code), lower($w1)) OR contains(lower(coalesce(description, '')), lower($w1)))
  AND ($w2 IS NULL OR contains(lower(stock_code), lower($w2)) OR contains(lower(coalesce(description, '')), lower($w2)))
  AND ($w3 IS NULL OR contains(lower(stock_code), lower($w3)) OR contains(lower(coalesce(description, '')), lower($w3)))
  AND ($w4 IS NULL OR contains(lower(stock_code), lower($w4)) OR contains(lower(coalesce(description, '')), lower($w4)))
GROUP BY stock_code
) m
LEFT JOIN product_names n USING (stock_code)
ORDER BY (lower(m.stock_code) = lower($w1) AND $w2 IS NULL) DESC, m.revenue DESC, m.stock_code
LIMIT $limit
