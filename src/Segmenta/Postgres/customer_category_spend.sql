-- A customer's gross spend per category on kept purchase lines, largest first (the dashboard's customer page on a
-- PostgreSQL run; the DuckDB query is CategoryTables.LoadCustomer). On a cluster the customer's partition is the only
-- one read (hash pruning on customer_id); product_categories is the table the categories step sent to the server.
SELECT p.category, sum(l.amount)::numeric(18,4) AS spend, count(*) AS lines
FROM clean_lines l
JOIN product_categories p ON p.product = coalesce(l.stock_code, nullif(trim(l.description), ''), '')
WHERE l.customer_id = CAST(@c AS text)
GROUP BY p.category
ORDER BY spend DESC, p.category COLLATE "C"
