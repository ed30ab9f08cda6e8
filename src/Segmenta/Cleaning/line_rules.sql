-- First pass of cleaning: every line with a customer that a rule claims gets the first such rule (line_rules), except
-- that cancellations are only marked 'return_candidate' (the ReturnMatcher decides between return,
-- return_beyond_purchases and unmatched_cancellation) and purchase lines that copy an earlier line are marked
-- 'duplicate' when the evidence allows it. Variables: preset ('classic' | 'default'), extreme_quantity (DOUBLE),
-- duplicates ('auto' | 'remove' | 'keep'). Tables non_product_codes(pattern) and refund_codes(pattern) hold LIKE
-- patterns of stock codes, compared case-insensitively.
--
-- Only narrow tables of the few lines a rule claims are written: copying the wide lines, or a row per line, costs more
-- than any rule.

CREATE OR REPLACE TEMP TABLE non_product_stock_codes AS
SELECT c.stock_code, bool_or(r.pattern IS NOT NULL) AS refund_code
FROM (SELECT DISTINCT stock_code FROM raw_lines WHERE stock_code IS NOT NULL) c
JOIN non_product_codes n ON upper(c.stock_code) LIKE upper(n.pattern)
LEFT JOIN refund_codes r ON upper(c.stock_code) LIKE upper(r.pattern)
GROUP BY c.stock_code;

-- The rule of a line before duplicates, and whether it can be a copy (a line that copies another is removed only with
-- evidence: the classic preset and duplicates = 'remove' always; 'auto', the default, only when the lines carry an
-- invoice number, because without one two equal lines are as likely two real purchases). Lines without a customer are
-- missing_customer in both presets and are not read here: every other statement finds them by customer_id IS NULL.
-- Exact copies have the same values in every source column; they are found by a 64-bit hash of all nine (two
-- different lines collide with odds of about n^2 / 2^65, 1e-8 for a million lines): purchase lines can copy any earlier
-- line; a cancellation or a refund is claimed by its own rule first (two equal cancellation lines of one credit note
-- are two returns) unless it copies one of an earlier import (the same record loaded twice from overlapping files).
-- The three rules copies are looked for under are coded 0, 1, 2 (NULL for every other rule, which joins no group).
CREATE OR REPLACE TEMP VIEW ruled_lines AS
SELECT l.import_id, l.line_number, l.base_rule,
       CASE WHEN l.base_rule IS NULL THEN 0 WHEN l.base_rule = 'return_candidate' THEN 1 WHEN l.base_rule = 'refund' THEN 2 END::UTINYINT AS rule_code,
       CASE WHEN l.copies_removable AND (l.base_rule IS NULL OR l.base_rule IN ('return_candidate', 'refund')) THEN l.line_hash END AS line_hash,
       l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id
FROM (
    SELECT
        l.import_id,
        l.line_number,
        l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id,
        getvariable('preset') = 'classic' OR getvariable('duplicates') = 'remove'
            OR (getvariable('duplicates') = 'auto' AND l.invoice IS NOT NULL) AS copies_removable,
        hash(l.invoice, l.stock_code, l.description, l.quantity, l.invoice_date, l.unit_price, l.amount, l.customer_id, l.country) AS line_hash,
        CASE
            WHEN getvariable('preset') = 'classic' THEN
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
            WHEN abs(l.quantity) >= getvariable('extreme_quantity') THEN 'extreme_quantity'
        END AS base_rule
    FROM raw_lines l
    LEFT JOIN non_product_stock_codes n ON l.stock_code = n.stock_code
    WHERE l.customer_id IS NOT NULL
) l;

-- The hashes seen more than once under the same evidence: the costliest part of cleaning (76,898,317 hashes, 754,195
-- of them repeated, at 100M generated lines). Sorted, a repeated hash is one equal to the hash before it: 29.3 s of CPU
-- and 48 s of wall there, where grouping by the hash with count(*) > 1 (one group per line) took 41.8 s and 86 s
-- (10M lines: 3.0-3.2 s against 4.0 s CPU). The same set either way.
CREATE OR REPLACE TEMP TABLE repeated_hashes AS
SELECT DISTINCT line_hash
FROM (SELECT line_hash, lag(line_hash) OVER (ORDER BY line_hash) AS previous FROM ruled_lines WHERE line_hash IS NOT NULL)
WHERE line_hash = previous;

-- Every line with a customer that a rule claims (return candidates included), and only those: the kept lines are the
-- lines with a customer that are not here, and the lines without one are missing_customer, so no row per loaded line
-- is written, sorted or joined back (at 100M lines that was 100M rows written, sorted into line order and paired with
-- the lines, 90 s of CPU). The lines are read a second time rather than kept from the count above: holding every line's
-- rule and hash between the two cost more memory than the read costs time. A line whose hash repeats is a copy unless
-- it is the first of its group (by import and line; for cancellations and refunds, of the first import).
-- The source columns of a cancellation or a refund (the only lines a later statement reads whole: the return matcher's
-- cancellations, the refunds table) come along, NULL on every other line: this statement reads them anyway for the
-- hash, and reading them back from raw_lines cost a pass over every line each (at the shared data 40-50 ms of CPU each,
-- as much as the statement's share of them).
CREATE OR REPLACE TEMP TABLE line_rules AS
WITH flagged AS (
    SELECT r.import_id, r.line_number, r.base_rule, r.rule_code, r.line_hash, h.line_hash IS NOT NULL AS repeated,
           CASE WHEN r.rule_code IN (1, 2) THEN {'invoice': r.invoice, 'stock_code': r.stock_code, 'description': r.description,
               'quantity': r.quantity, 'invoice_date': r.invoice_date, 'unit_price': r.unit_price, 'amount': r.amount,
               'customer_id': r.customer_id} END AS line
    FROM ruled_lines r
    LEFT JOIN repeated_hashes h ON h.line_hash = r.line_hash
    WHERE r.base_rule IS NOT NULL OR h.line_hash IS NOT NULL
),
ruled AS (
    SELECT import_id, line_number, line,
        CASE
            WHEN repeated AND rule_code = 0
             AND import_id::BIGINT * 4294967296 + line_number
                 <> min(import_id::BIGINT * 4294967296 + line_number) OVER (PARTITION BY line_hash, rule_code)
            THEN 'duplicate'
            WHEN repeated AND rule_code IN (1, 2) AND import_id <> min(import_id) OVER (PARTITION BY line_hash, rule_code)
            THEN 'duplicate'
            ELSE base_rule
        END AS rule
    FROM flagged
)
SELECT import_id, line_number, rule, line FROM ruled WHERE rule IS NOT NULL;

-- The claimed lines' keys for kept_lines.sql, which runs on another connection (Cleaner.Run): a table of its own, as
-- line_rules is TEMP. Dropped with line_rules.
CREATE OR REPLACE TABLE claimed_lines AS SELECT import_id, line_number FROM line_rules;

-- What the ReturnMatcher reads: every cancellation, and every kept purchase of a customer and product that has one.
-- A line without quantity or amount (a file of customer, date and product) counts as one unit; its value stays NULL.
-- The cancellations' invoice and description are for the returns table (clean_lines.sql), which then reads no line.
-- A cancellation's columns are the ones line_rules carries.
CREATE OR REPLACE TEMP TABLE return_cancellations AS
SELECT o.import_id, o.line_number, o.line.customer_id, o.line.stock_code, o.line.invoice_date,
       -coalesce(o.line.quantity, o.line.amount, -1) AS units,
       coalesce(o.line.unit_price, 1) AS unit_price,
       -o.line.amount AS value,
       o.line.invoice, o.line.description
FROM line_rules o
WHERE o.rule = 'return_candidate';

CREATE OR REPLACE TEMP TABLE return_purchases AS
SELECT l.import_id, l.line_number, l.customer_id, l.stock_code, l.invoice_date,
       coalesce(l.quantity, l.amount, 1) AS units, coalesce(l.unit_price, 1) AS unit_price
-- The semi join runs first, on the lines alone: it keeps a few per cent of them (all with a customer and a product),
-- and the kept ones among those are the ones no rule claims.
FROM (SELECT * FROM raw_lines l SEMI JOIN (SELECT DISTINCT customer_id, stock_code FROM return_cancellations) c
      ON l.customer_id = c.customer_id AND l.stock_code = c.stock_code) l
ANTI JOIN line_rules o USING (import_id, line_number);
