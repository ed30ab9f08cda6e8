-- A customer's most recent kept purchase lines, newest first (the dashboard's customer page on a PostgreSQL run; the
-- DuckDB query is CleaningTables.PurchaseHistory). On a cluster only the customer's partition is read.
SELECT invoice_date, invoice, stock_code, description, coalesce(quantity, 0)::double precision, amount::double precision
FROM clean_lines
WHERE customer_id = CAST(@c AS text)
ORDER BY invoice_date DESC, import_id, line_number
LIMIT @limit
