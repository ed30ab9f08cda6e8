-- Assigns every loaded line to exactly one outcome: kept (rule IS NULL) or the first rule that removes it.
-- Variables: preset ('classic' | 'default'), extreme_quantity (DOUBLE). Table non_product_codes(pattern) holds
-- LIKE patterns of stock codes that are not products (compared case-insensitively).
--
-- Only narrow tables (import_id, line_number, rule) are written: copying the wide lines costs more than any rule.
-- The outcomes are kept in raw_lines order so that a POSITIONAL JOIN pairs each line with its outcome without hashing;
-- raw_lines is append-only, in (import_id, line_number) order, and the Cleaner verifies the alignment.

CREATE OR REPLACE TEMP TABLE non_product_stock_codes AS
SELECT DISTINCT c.stock_code
FROM (SELECT DISTINCT stock_code FROM raw_lines WHERE stock_code IS NOT NULL) c
JOIN non_product_codes n ON upper(c.stock_code) LIKE upper(n.pattern);

CREATE OR REPLACE TEMP TABLE line_rules AS
WITH ruled AS (
    SELECT
        l.import_id,
        l.line_number,
        hash(l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id, l.country) AS line_hash,
        CASE
            WHEN l.customer_id IS NULL THEN 'missing_customer'
            WHEN getvariable('preset') = 'classic' THEN
                CASE
                    WHEN l.invoice ILIKE 'C%' THEN 'cancelled_invoice'
                    WHEN coalesce(l.quantity, l.amount) <= 0 THEN 'non_positive_quantity'
                    WHEN coalesce(l.unit_price, l.amount) <= 0 THEN 'non_positive_price'
                END
            WHEN l.invoice ILIKE 'A%' THEN 'adjustment'
            WHEN n.stock_code IS NOT NULL THEN 'non_product'
            WHEN l.invoice ILIKE 'C%' OR coalesce(l.quantity, l.amount) < 0 THEN 'return_candidate'
            WHEN l.quantity = 0 THEN 'zero_quantity'
            WHEN coalesce(l.unit_price, l.amount) <= 0 THEN 'non_positive_price'
            WHEN abs(l.quantity) >= getvariable('extreme_quantity') THEN 'extreme_quantity'
        END AS base_rule
    FROM raw_lines l
    LEFT JOIN non_product_stock_codes n ON l.stock_code = n.stock_code
),
-- Exact duplicates: the same values in every source column; the first occurrence (by import and line) stays.
-- Lines are grouped by a 64-bit hash of all their columns (two different lines collide with odds of about
-- n^2 / 2^65, 1e-8 for a million lines); an aggregate over the hash is twice as fast as a window over nine columns.
first_occurrences AS (
    SELECT line_hash, min(import_id::BIGINT * 4294967296 + line_number) AS first_key
    FROM ruled
    WHERE base_rule IS NULL OR base_rule = 'return_candidate'
    GROUP BY line_hash
    HAVING count(*) > 1
)
SELECT
    r.import_id,
    r.line_number,
    CASE
        WHEN f.line_hash IS NOT NULL AND (r.base_rule IS NULL OR r.base_rule = 'return_candidate')
         AND r.import_id::BIGINT * 4294967296 + r.line_number <> f.first_key
        THEN 'duplicate'
        ELSE r.base_rule
    END AS rule
FROM ruled r
LEFT JOIN first_occurrences f ON r.line_hash = f.line_hash;

-- Returns (default preset): each cancellation is matched to the latest earlier kept purchase of the same customer,
-- product and quantity; a purchase is reversed at most once (the earliest cancellation wins).
CREATE OR REPLACE TABLE returns AS
WITH lines AS (
    SELECT l.*, o.rule FROM raw_lines l JOIN line_rules o USING (import_id, line_number)
    WHERE o.rule IS NULL OR o.rule = 'return_candidate'
),
cancellations AS (
    SELECT *, -coalesce(quantity, amount) AS units FROM lines WHERE rule = 'return_candidate'
),
purchases AS (
    SELECT import_id, line_number, customer_id, stock_code, coalesce(quantity, amount) AS units, invoice_date
    FROM lines WHERE rule IS NULL
),
candidates AS (
    SELECT c.import_id, c.line_number, c.customer_id,
           coalesce(c.invoice, c.customer_id || '@' || strftime(c.invoice_date, '%Y-%m-%d')) AS order_id,
           c.stock_code, c.description, c.units AS quantity, c.invoice_date, -c.amount AS value,
           p.import_id AS purchase_import_id, p.line_number AS purchase_line_number, p.invoice_date AS purchase_date
    FROM cancellations c
    ASOF JOIN purchases p
      ON c.customer_id = p.customer_id AND c.stock_code = p.stock_code AND c.units = p.units
     AND c.invoice_date >= p.invoice_date
)
SELECT * EXCLUDE (reversal)
FROM (
    SELECT *, row_number() OVER (PARTITION BY purchase_import_id, purchase_line_number ORDER BY invoice_date, import_id, line_number) AS reversal
    FROM candidates
)
WHERE reversal = 1;

CREATE OR REPLACE TABLE line_outcomes AS
SELECT l.import_id, l.line_number,
       CASE
           WHEN l.rule IS DISTINCT FROM 'return_candidate' THEN l.rule
           WHEN r.line_number IS NOT NULL THEN 'return'
           ELSE 'unmatched_cancellation'
       END AS rule
FROM line_rules l
LEFT JOIN returns r USING (import_id, line_number)
ORDER BY l.import_id, l.line_number;

-- Every loaded line with its outcome (rule NULL = kept).
CREATE OR REPLACE VIEW lines_with_outcome AS
SELECT l.*, coalesce(l.invoice, l.customer_id || '@' || strftime(l.invoice_date, '%Y-%m-%d')) AS order_id, o.rule
FROM raw_lines l
POSITIONAL JOIN line_outcomes o
WHERE o.import_id IS NOT NULL;

-- The kept purchase lines every later stage reads.
CREATE OR REPLACE VIEW clean_lines AS
SELECT import_id, line_number, order_id, invoice, stock_code, description, quantity, invoice_date, unit_price, amount,
       customer_id, country
FROM lines_with_outcome
WHERE rule IS NULL;

-- Per-customer cancellations, for the cancellation rate (cancelled orders over all orders).
CREATE OR REPLACE TABLE customer_cancellations AS
SELECT customer_id, count(DISTINCT order_id) AS cancelled_orders
FROM lines_with_outcome
WHERE customer_id IS NOT NULL AND (invoice ILIKE 'C%' OR (invoice IS NULL AND coalesce(quantity, amount) < 0))
GROUP BY customer_id;
