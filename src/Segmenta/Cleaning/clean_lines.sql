-- Second pass of cleaning, after line_rules.sql and the ReturnMatcher: the lines the rules remove, the outcome of every
-- line (views), the returns (one row per part of a cancellation matched to a purchase) and the refunds. The kept lines
-- later stages read (kept_lines.sql) are written meanwhile on another connection.

-- Every line with a customer that a rule removes, with its rule (the matcher's for a cancellation): a few per cent of
-- the lines (1.7M of 100M generated ones). A line without a customer is missing_customer; any other line is kept.
CREATE OR REPLACE TABLE removed_lines AS
SELECT l.import_id, l.line_number, CASE WHEN l.rule <> 'return_candidate' THEN l.rule ELSE r.rule END AS rule
FROM line_rules l
LEFT JOIN return_outcomes r USING (import_id, line_number);

-- Every loaded line with its outcome (rule NULL = kept). The lines probe a hash table of the removed ones: read in
-- parallel, only the columns a query needs. (Until session 13 a table of every line's outcome, sorted into the lines'
-- order and paired with them by a POSITIONAL JOIN, which DuckDB scans on one thread and which no filter reaches; at
-- 100M lines writing and sorting that table cost 30 s of CPU and every read of the view a pass on one core.)
CREATE OR REPLACE VIEW lines_with_outcome AS
SELECT l.*, coalesce(l.invoice, l.customer_id || '@' || strftime(l.invoice_date, '%Y-%m-%d')) AS order_id,
       CASE WHEN l.customer_id IS NULL THEN 'missing_customer' ELSE o.rule END AS rule
FROM raw_lines l
LEFT JOIN removed_lines o USING (import_id, line_number);

CREATE OR REPLACE VIEW line_outcomes AS
SELECT l.import_id, l.line_number, CASE WHEN l.customer_id IS NULL THEN 'missing_customer' ELSE o.rule END AS rule
FROM raw_lines l
LEFT JOIN removed_lines o USING (import_id, line_number);

-- Matched returns: each part of a cancellation netted against one earlier purchase. quantity = units of that part;
-- value = the money refunded for them (units x the cancellation's unit price), positive.
-- The cancellation's columns come from return_cancellations and the purchase's date from return_purchases, the lines the
-- matcher read (every allocation pairs one of each), and its rule from return_outcomes (an allocated line is a
-- return_candidate, so its outcome is the matcher's): joining raw_lines twice scanned every line for the few
-- allocations (0.9 s CPU at 10M lines), and lines_with_outcome three times that. order_id is lines_with_outcome's expression.
CREATE OR REPLACE TABLE returns AS
SELECT c.import_id, c.line_number, c.customer_id,
       coalesce(c.invoice, c.customer_id || '@' || strftime(c.invoice_date, '%Y-%m-%d')) AS order_id, c.stock_code, c.description,
       a.units AS quantity, c.invoice_date, a.value,
       a.purchase_import_id, a.purchase_line_number, p.invoice_date AS purchase_date, o.rule
FROM return_allocations a
JOIN return_outcomes o ON o.import_id = a.import_id AND o.line_number = a.line_number
JOIN return_cancellations c ON c.import_id = a.import_id AND c.line_number = a.line_number
JOIN return_purchases p ON p.import_id = a.purchase_import_id AND p.line_number = a.purchase_line_number;

-- Refunds: credit notes and manual adjustments with a customer (negative lines of a refund code). value positive.
-- In line order. A refund's rule is line_rules' (the matcher decides only cancellations), and so are its columns,
-- which line_rules carries for every refund: no line is read again.
CREATE OR REPLACE TABLE refunds AS
SELECT l.import_id, l.line_number, l.line.customer_id,
       coalesce(l.line.invoice, l.line.customer_id || '@' || strftime(l.line.invoice_date, '%Y-%m-%d')) AS order_id,
       l.line.stock_code, l.line.description, l.line.invoice_date, -l.line.amount AS value
FROM line_rules l
WHERE l.rule = 'refund'
ORDER BY l.import_id, l.line_number;

-- Per-customer cancellations, for the cancellation rate (cancelled orders over all orders). Every loaded line counts,
-- whatever its outcome, so the lines are read directly (order_id as in lines_with_outcome) and the filter reaches the scan.
CREATE OR REPLACE TABLE customer_cancellations AS
SELECT customer_id, count(DISTINCT coalesce(invoice, customer_id || '@' || strftime(invoice_date, '%Y-%m-%d'))) AS cancelled_orders
FROM raw_lines
WHERE customer_id IS NOT NULL AND (invoice ILIKE 'C%' OR (invoice IS NULL AND coalesce(quantity, amount) < 0))
GROUP BY customer_id;
