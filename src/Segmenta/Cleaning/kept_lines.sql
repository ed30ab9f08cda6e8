-- The kept lines, after line_rules.sql: written on a connection of their own while the ReturnMatcher and the rest of
-- clean_lines.sql run on the cleaning's own (Cleaner.Run). A line is kept when it has a customer and no rule claims it:
-- the matcher only decides which removal a cancellation gets (return, return_beyond_purchases, unmatched_cancellation),
-- never that one is kept, so the lines line_rules claims are the removed lines, and the kept ones are known before the
-- matcher runs. Table claimed_lines holds line_rules' keys (line_rules is a TEMP table, seen by its own connection only).

-- The kept purchase lines every later stage reads, written once as a table: read through lines_with_outcome, each
-- reader paid a positional scan that DuckDB runs on one thread and that no filter reaches, and DuckDB estimated the
-- view at 0 rows; a table is read in parallel, only the columns a query needs, with its true size (decision 68).
-- Written in parallel too: a line is kept when it has a customer and is none of the few claimed lines, whose keys make
-- a small hash table (172,493 of 10M generated lines).
-- clean_lines stays the name readers use. Writing costs about 1.5 µs a line, mostly the text columns (decision 68), so
-- the invoice is not stored twice: order_id is the invoice wherever there is one, and the view gives it back from
-- order_id and a flag (decision 72). order_id itself stays stored: the features, the purchase tables, exploration and
-- the overview group by it, and a stored column reaches them dictionary-encoded (computed by the view, each of those
-- reads cost 0.15-0.35 s more CPU at 10M lines than the column saved).
CREATE OR REPLACE TABLE kept_lines AS
SELECT l.import_id, l.line_number, coalesce(l.invoice, l.customer_id || '@' || strftime(l.invoice_date, '%Y-%m-%d')) AS order_id,
       l.invoice IS NOT NULL AS has_invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount,
       l.customer_id, l.country
FROM raw_lines l
ANTI JOIN claimed_lines o USING (import_id, line_number)
WHERE l.customer_id IS NOT NULL;

CREATE OR REPLACE VIEW clean_lines AS
SELECT import_id, line_number, order_id, CASE WHEN has_invoice THEN order_id END AS invoice,
       stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country
FROM kept_lines;
