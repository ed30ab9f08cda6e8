-- PostgreSQL variant of line_rules.sql (same rules, same outcomes; see that file for the why of each rule).
-- Settings (SET segmenta.x): preset, extreme_quantity, duplicates. Dialect differences: current_setting for
-- getvariable, DROP + CREATE for CREATE OR REPLACE, EXISTS for SEMI JOIN, and exact duplicates found with a window over
-- the nine source columns instead of DuckDB's 64-bit hash (PostgreSQL has no hash of a row of any types; the
-- outcome is the same, without even the hash's 1e-8 odds of a collision).

DROP TABLE IF EXISTS non_product_stock_codes;
CREATE TEMP TABLE non_product_stock_codes AS
SELECT c.stock_code, bool_or(r.pattern IS NOT NULL) AS refund_code
FROM (SELECT DISTINCT stock_code FROM raw_lines WHERE stock_code IS NOT NULL) c
JOIN non_product_codes n ON upper(c.stock_code) LIKE upper(n.pattern)
LEFT JOIN refund_codes r ON upper(c.stock_code) LIKE upper(r.pattern)
GROUP BY c.stock_code;

DROP TABLE IF EXISTS line_rules;
CREATE TEMP TABLE line_rules AS
WITH ruled AS (
    SELECT
        l.*,
        current_setting('segmenta.preset') = 'classic' OR current_setting('segmenta.duplicates') = 'remove'
            OR (current_setting('segmenta.duplicates') = 'auto' AND l.invoice IS NOT NULL) AS copies_removable,
        CASE
            WHEN l.customer_id IS NULL THEN 'missing_customer'
            WHEN current_setting('segmenta.preset') = 'classic' THEN
                CASE
                    WHEN l.invoice ILIKE 'C%' THEN 'cancelled_invoice'
                    WHEN coalesce(l.quantity, l.amount) <= 0 THEN 'non_positive_quantity'
                    WHEN coalesce(l.unit_price, l.amount) <= 0 THEN 'non_positive_price'
                END
            WHEN l.invoice ILIKE 'A%' THEN 'adjustment'
            WHEN n.refund_code AND l.amount < 0 THEN 'refund'
            WHEN n.stock_code IS NOT NULL THEN 'non_product'
            WHEN l.invoice ILIKE 'C%' OR coalesce(l.quantity, l.amount) < 0 THEN 'return_candidate'
            WHEN l.quantity = 0 THEN 'zero_quantity'
            WHEN coalesce(l.unit_price, l.amount) < 0 THEN 'negative_price'
            WHEN abs(l.quantity) >= current_setting('segmenta.extreme_quantity')::double precision THEN 'extreme_quantity'
        END AS base_rule
    FROM raw_lines l
    LEFT JOIN non_product_stock_codes n ON l.stock_code = n.stock_code
),
copies AS (
    SELECT import_id, line_number, copies_removable, base_rule,
           row_number() OVER same_line AS occurrence,
           min(import_id) OVER same_line AS first_import,
           count(*) OVER same_line AS copies
    FROM ruled
    WINDOW same_line AS (
        PARTITION BY copies_removable AND (base_rule IS NULL OR base_rule IN ('return_candidate', 'refund')), base_rule,
                     invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country
        ORDER BY import_id, line_number)
)
SELECT
    import_id,
    line_number,
    CASE
        WHEN copies_removable AND base_rule IS NULL AND copies > 1 AND occurrence > 1 THEN 'duplicate'
        WHEN copies_removable AND base_rule IN ('return_candidate', 'refund') AND copies > 1 AND import_id <> first_import THEN 'duplicate'
        ELSE base_rule
    END AS rule
FROM copies;

DROP TABLE IF EXISTS return_cancellations;
CREATE TEMP TABLE return_cancellations AS
SELECT l.import_id, l.line_number, l.customer_id, l.stock_code, l.invoice_date,
       -coalesce(l.quantity, l.amount, -1) AS units,
       coalesce(l.unit_price, 1) AS unit_price,
       -l.amount AS value
FROM raw_lines l JOIN line_rules o USING (import_id, line_number)
WHERE o.rule = 'return_candidate';

DROP TABLE IF EXISTS return_purchases;
CREATE TEMP TABLE return_purchases AS
SELECT l.import_id, l.line_number, l.customer_id, l.stock_code, l.invoice_date,
       coalesce(l.quantity, l.amount, 1) AS units, coalesce(l.unit_price, 1) AS unit_price
FROM raw_lines l JOIN line_rules o USING (import_id, line_number)
WHERE o.rule IS NULL
  AND EXISTS (SELECT 1 FROM return_cancellations c WHERE c.customer_id = l.customer_id AND c.stock_code = l.stock_code);
