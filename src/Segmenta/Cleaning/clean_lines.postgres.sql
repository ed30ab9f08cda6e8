-- PostgreSQL variant of clean_lines.sql. PostgreSQL has no POSITIONAL JOIN, so lines and outcomes are joined by their
-- key; and clean_lines is a table (created by Postgres/PostgresLayout, hash-partitioned by customer on a cluster) filled
-- here, because every feature reads it and a view would repeat the join each time. UNLOGGED: tables a run
-- re-creates from its source (Postgres/PostgresLayout.cs, Unlogged).

DROP TABLE IF EXISTS line_outcomes CASCADE;
CREATE UNLOGGED TABLE line_outcomes AS
SELECT l.import_id, l.line_number,
       CASE WHEN l.rule IS DISTINCT FROM 'return_candidate' THEN l.rule ELSE r.rule END AS rule
FROM line_rules l
LEFT JOIN return_outcomes r USING (import_id, line_number);
ALTER TABLE line_outcomes ADD PRIMARY KEY (import_id, line_number);

CREATE VIEW lines_with_outcome AS
SELECT l.*, coalesce(l.invoice, l.customer_id || '@' || to_char(l.invoice_date, 'YYYY-MM-DD')) AS order_id, o.rule
FROM raw_lines l
JOIN line_outcomes o USING (import_id, line_number);

DROP TABLE IF EXISTS returns;
CREATE UNLOGGED TABLE returns AS
SELECT c.import_id, c.line_number, c.customer_id, c.order_id, c.stock_code, c.description,
       a.units AS quantity, c.invoice_date, a.value,
       a.purchase_import_id, a.purchase_line_number, p.invoice_date AS purchase_date, c.rule
FROM return_allocations a
JOIN lines_with_outcome c ON c.import_id = a.import_id AND c.line_number = a.line_number
JOIN raw_lines p ON p.import_id = a.purchase_import_id AND p.line_number = a.purchase_line_number;

DROP TABLE IF EXISTS refunds;
CREATE UNLOGGED TABLE refunds AS
SELECT import_id, line_number, customer_id, order_id, stock_code, description, invoice_date, -amount AS value
FROM lines_with_outcome
WHERE rule = 'refund';

TRUNCATE clean_lines;
INSERT INTO clean_lines (import_id, line_number, order_id, invoice, stock_code, description, quantity, invoice_date,
                         unit_price, amount, customer_id, country, invoice_month)
SELECT import_id, line_number, order_id, invoice, stock_code, description, quantity, invoice_date, unit_price, amount,
       customer_id, country, date_trunc('month', invoice_date)::date
FROM lines_with_outcome
WHERE rule IS NULL;
ANALYZE clean_lines;

DROP TABLE IF EXISTS customer_cancellations;
CREATE UNLOGGED TABLE customer_cancellations AS
SELECT customer_id, count(DISTINCT order_id) AS cancelled_orders
FROM lines_with_outcome
WHERE customer_id IS NOT NULL AND (invoice ILIKE 'C%' OR (invoice IS NULL AND coalesce(quantity, amount) < 0))
GROUP BY customer_id;
