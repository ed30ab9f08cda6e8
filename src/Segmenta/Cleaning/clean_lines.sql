-- Assigns every loaded line to exactly one outcome: kept (rule IS NULL) or the first rule that removes it.
-- Variables: preset ('classic' | 'default'), extreme_quantity (DOUBLE). Table non_product_codes(pattern) holds
-- LIKE patterns of stock codes that are not products (compared case-insensitively).

CREATE OR REPLACE TEMP TABLE line_rules AS
WITH base AS (
    SELECT
        l.*,
        coalesce(l.invoice, l.customer_id || '@' || strftime(l.invoice_date, '%Y-%m-%d')) AS order_id,
        coalesce(l.invoice ILIKE 'C%', false) AS cancelled_invoice,
        EXISTS (SELECT 1 FROM non_product_codes n WHERE upper(l.stock_code) LIKE upper(n.pattern)) AS non_product
    FROM raw_lines l
)
SELECT
    *,
    CASE
        WHEN customer_id IS NULL THEN 'missing_customer'
        WHEN getvariable('preset') = 'classic' THEN
            CASE
                WHEN cancelled_invoice THEN 'cancelled_invoice'
                WHEN coalesce(quantity, amount) <= 0 THEN 'non_positive_quantity'
                WHEN coalesce(unit_price, amount) <= 0 THEN 'non_positive_price'
            END
        WHEN coalesce(invoice ILIKE 'A%', false) THEN 'adjustment'
        WHEN non_product THEN 'non_product'
        WHEN cancelled_invoice OR coalesce(quantity, amount) < 0 THEN 'return_candidate'
        WHEN quantity = 0 THEN 'zero_quantity'
        WHEN coalesce(unit_price, amount) <= 0 THEN 'non_positive_price'
        WHEN abs(quantity) >= getvariable('extreme_quantity') THEN 'extreme_quantity'
    END AS rule
FROM base;

-- Exact duplicates: the same values in every source column; the first occurrence (by import and line) stays.
UPDATE line_rules SET rule = 'duplicate'
FROM (
    SELECT import_id, line_number
    FROM (
        SELECT import_id, line_number, row_number() OVER (
            PARTITION BY invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country
            ORDER BY import_id, line_number) AS occurrence
        FROM line_rules
        WHERE rule IS NULL OR rule = 'return_candidate'
    )
    WHERE occurrence > 1
) d
WHERE line_rules.import_id = d.import_id AND line_rules.line_number = d.line_number;

-- Returns (default preset): each cancellation is matched to the latest earlier kept purchase of the same customer,
-- product and quantity; a purchase is reversed at most once (the earliest cancellation wins).
CREATE OR REPLACE TABLE returns AS
WITH cancellations AS (
    SELECT *, -coalesce(quantity, amount) AS units FROM line_rules WHERE rule = 'return_candidate'
),
purchases AS (
    SELECT import_id, line_number, customer_id, stock_code, coalesce(quantity, amount) AS units, invoice_date
    FROM line_rules WHERE rule IS NULL
),
candidates AS (
    SELECT c.import_id, c.line_number, c.customer_id, c.order_id, c.stock_code, c.description, c.units AS quantity,
           c.invoice_date, -c.amount AS value,
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

UPDATE line_rules SET rule = 'return'
FROM returns r
WHERE line_rules.import_id = r.import_id AND line_rules.line_number = r.line_number;

UPDATE line_rules SET rule = 'unmatched_cancellation' WHERE rule = 'return_candidate';

CREATE OR REPLACE TABLE clean_lines AS
SELECT import_id, line_number, order_id, invoice, stock_code, description, quantity, invoice_date, unit_price, amount,
       customer_id, country
FROM line_rules
WHERE rule IS NULL
ORDER BY customer_id, invoice_date;

-- Per-customer cancellations, for the cancellation rate (cancelled orders over all orders).
CREATE OR REPLACE TABLE customer_cancellations AS
SELECT customer_id, count(DISTINCT order_id) AS cancelled_orders
FROM line_rules
WHERE customer_id IS NOT NULL AND (cancelled_invoice OR (invoice IS NULL AND coalesce(quantity, amount) < 0))
GROUP BY customer_id;
