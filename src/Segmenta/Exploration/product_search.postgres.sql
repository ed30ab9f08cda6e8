-- PostgreSQL variant of product_search.sql (the dashboard's product search on a PostgreSQL run, Postgres/LineLookups.cs):
-- the same lines, words and order. @w1..@w4 are the words (NULL when fewer were given), typed here because a NULL
-- parameter carries no type. On a cluster the coordinator reads the matching lines of every shard. The name comes from
-- the coordinator's product_names (Postgres/purchase_dimensions.sql).
SELECT m.stock_code, n.description, m.revenue, m.customers
FROM (
SELECT stock_code, round(sum(amount), 2)::double precision AS revenue, count(DISTINCT customer_id) AS customers
FROM clean_lines
WHERE stock_code IS NOT NULL
  AND (CAST(@w1 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w1 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w1 AS text))) > 0)
  AND (CAST(@w2 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w2 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w2 AS text))) > 0)
  AND (CAST(@w3 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w3 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w3 AS text))) > 0)
  AND (CAST(@w4 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w4 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w4 AS text))) > 0)
GROUP BY stock_code
) m
LEFT JOIN product_names n USING (stock_code)
ORDER BY (lower(m.stock_code) = lower(CAST(@w1 AS text)) AND CAST(@w2 AS text) IS NULL) DESC, m.revenue DESC, m.stock_code COLLATE "C"
LIMIT @limit
