-- PostgreSQL variant of line_rules.sql (same rules, same outcomes; see that file for the why of each rule).
-- Settings (SET segmenta.x): preset, extreme_quantity, duplicates. Dialect differences: current_setting for
-- getvariable, DROP + CREATE for CREATE OR REPLACE, EXISTS for SEMI JOIN, and exact copies found by the md5 of their
-- nine source columns (the row's text form, which tells NULL from '') instead of DuckDB's 64-bit hash(), with even
-- smaller odds of a collision (2^-128 per pair).
-- How it runs (measured on a shard of 3.86M lines, docs/benchmarks.md session 12): one pass over the lines, then one
-- sort by (hash, rule) whose window gives each line the first key and first import of its copies. The grouping it
-- replaces (first occurrences grouped, then joined back to every line) sorted all the lines by the hash's text for a
-- merge join the planner chose for want of statistics, after materialising every line's rule and hash: 152 s against
-- 80 s. The hash is a uuid (16 bytes, compared as bytes; the text sorted through the locale's strcoll), computed only
-- for a line that can be a copy (with a customer, kept so far or a return or refund, copies removable): the others
-- never share a group. Each step is fenced (OFFSET 0) so the planner does not paste the rule's CASE, with its ILIKEs,
-- into every expression that reads it.

DROP TABLE IF EXISTS non_product_stock_codes;
CREATE TEMP TABLE non_product_stock_codes AS
SELECT c.stock_code, bool_or(r.pattern IS NOT NULL) AS refund_code
FROM (SELECT DISTINCT stock_code FROM raw_lines WHERE stock_code IS NOT NULL) c
JOIN non_product_codes n ON upper(c.stock_code) LIKE upper(n.pattern)
LEFT JOIN refund_codes r ON upper(c.stock_code) LIKE upper(r.pattern)
GROUP BY c.stock_code;
ANALYZE non_product_stock_codes;

DROP TABLE IF EXISTS line_rules;
CREATE TEMP TABLE line_rules AS
SELECT
    import_id,
    line_number,
    CASE
        WHEN line_hash IS NULL THEN base_rule
        WHEN base_rule IS NULL AND line_key <> min(line_key) OVER copies THEN 'duplicate'
        WHEN base_rule IS NOT NULL AND import_id <> min(import_id) OVER copies THEN 'duplicate'
        ELSE base_rule
    END AS rule
FROM (
    SELECT import_id, line_number, import_id::BIGINT * 4294967296 + line_number AS line_key, base_rule,
           CASE WHEN copies_removable AND (base_rule IS NULL OR base_rule IN ('return_candidate', 'refund'))
                THEN md5(ROW(invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country)::text)::uuid
           END AS line_hash
    FROM (
        SELECT
            l.import_id,
            l.line_number,
            l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id, l.country,
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
        OFFSET 0
    ) based
    OFFSET 0
) ruled
WINDOW copies AS (PARTITION BY line_hash, base_rule);
ANALYZE line_rules;

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
