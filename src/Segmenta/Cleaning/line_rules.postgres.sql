-- PostgreSQL variant of line_rules.sql (same rules, same outcomes; see that file for the why of each rule).
-- Settings (SET segmenta.x): preset, extreme_quantity, duplicates. Dialect differences: current_setting for
-- getvariable, DROP + CREATE for CREATE OR REPLACE, EXISTS for SEMI JOIN, and lines grouped by the md5 of their nine
-- source columns (the row's text form, which tells NULL from '') instead of DuckDB's 64-bit hash(): the same
-- aggregate over a hash, which is several times faster than a window over nine columns, with even smaller odds of a
-- collision (2^-128 per pair).

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
        l.import_id,
        l.line_number,
        current_setting('segmenta.preset') = 'classic' OR current_setting('segmenta.duplicates') = 'remove'
            OR (current_setting('segmenta.duplicates') = 'auto' AND l.invoice IS NOT NULL) AS copies_removable,
        md5(ROW(l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id, l.country)::text) AS line_hash,
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
first_occurrences AS (
    SELECT line_hash, base_rule,
           min(import_id::BIGINT * 4294967296 + line_number) AS first_key, min(import_id) AS first_import
    FROM ruled
    WHERE copies_removable AND (base_rule IS NULL OR base_rule IN ('return_candidate', 'refund'))
    GROUP BY line_hash, base_rule
    HAVING count(*) > 1
)
SELECT
    r.import_id,
    r.line_number,
    CASE
        WHEN r.copies_removable AND r.base_rule IS NULL
         AND r.import_id::BIGINT * 4294967296 + r.line_number <> f.first_key
        THEN 'duplicate'
        WHEN r.copies_removable AND r.base_rule IN ('return_candidate', 'refund') AND r.import_id <> f.first_import
        THEN 'duplicate'
        ELSE r.base_rule
    END AS rule
FROM ruled r
LEFT JOIN first_occurrences f ON f.line_hash = r.line_hash AND f.base_rule IS NOT DISTINCT FROM r.base_rule;
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
