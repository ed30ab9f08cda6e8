-- PostgreSQL variant of product_search.sql (the dashboard's product search on a PostgreSQL run, Postgres/LineLookups.cs):
-- the same lines, words and order. @w1..@w4 are the words (NULL when fewer were given), typed here because a NULL
-- parameter carries no type. On a cluster the coordinator reads the matching lines of every shard.
SELECT stock_code,
       (array_agg(description ORDER BY invoice_date DESC, description COLLATE "C") FILTER (WHERE description IS NOT NULL))[1] AS description,
       round(sum(amount), 2)::double precision AS revenue, count(DISTINCT customer_id) AS customers
FROM clean_lines
WHERE stock_code IS NOT NULL
  AND (CAST(@w1 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w1 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w1 AS text))) > 0)
  AND (CAST(@w2 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w2 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w2 AS text))) > 0)
  AND (CAST(@w3 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w3 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w3 AS text))) > 0)
  AND (CAST(@w4 AS text) IS NULL OR strpos(lower(stock_code), lower(CAST(@w4 AS text))) > 0 OR strpos(lower(coalesce(description, '')), lower(CAST(@w4 AS text))) > 0)
GROUP BY stock_code
ORDER BY (lower(stock_code) = lower(CAST(@w1 AS text)) AND CAST(@w2 AS text) IS NULL) DESC, revenue DESC, stock_code COLLATE "C"
LIMIT @limit
