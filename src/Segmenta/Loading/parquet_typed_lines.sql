-- The rows of a Parquet file as raw_lines values, read by type (no text parsing), with the reason a row cannot be
-- loaded (NULL when it can). The rules, their order (date, quantity, price, amount) and the reason texts are
-- LineConverter's, so a Parquet file and the CSV of the same lines load the same values and quarantine the same lines
-- for the same reasons. Row numbers count the header as line 1, as in the CSV of the same rows.
-- The {placeholders} are filled by ParquetTypedImport with one expression per role for the column's Parquet type
-- (values as DECIMAL(38,4), `_fits` false beyond the limit or not finite, `_text` the value as the CSV shows it).
CREATE OR REPLACE TEMP VIEW parquet_typed_lines AS
WITH cells AS (
    SELECT file_row_number + 2 AS line_number,
           {date} AS invoice_date, {date_text} AS date_text,
           {quantity} AS quantity, {quantity_fits} AS quantity_fits, {quantity_text} AS quantity_text,
           {price} AS price, {price_fits} AS price_fits, {price_text} AS price_text,
           {total} AS total, {total_fits} AS total_fits, {total_text} AS total_text,
           {customer} AS customer_text,
           {invoice} AS invoice, {product} AS stock_code, {description} AS description, {country} AS country,
           {category} AS category,
           {raw} AS raw_text
    FROM read_parquet({path}, file_row_number = true)
), reasons AS (
    SELECT *,
        CASE
            WHEN invoice_date IS NULL AND date_text = '' THEN 'missing date'
            WHEN invoice_date IS NULL THEN 'impossible or unreadable date ''' || date_text || ''''
            WHEN {has_quantity} AND quantity_text IS NULL THEN 'non-numeric quantity '''''
            WHEN NOT quantity_fits THEN 'quantity ''' || quantity_text || ''' beyond {limit}'
            WHEN {has_price} AND price_text IS NULL AND NOT {has_total} THEN 'non-numeric price '''''
            WHEN NOT price_fits THEN 'price ''' || price_text || ''' beyond {limit}'
            WHEN NOT total_fits THEN 'line total ''' || total_text || ''' beyond {limit}'
            -- the product in doubles first: exact DECIMAL(38,8) arithmetic only where it can be near the limit
            WHEN total IS NULL AND price IS NOT NULL AND quantity IS NOT NULL
                 AND abs(CAST(price AS DOUBLE) * CAST(quantity AS DOUBLE)) >= 9e13 AND abs(price * quantity) > {limit_number}
                THEN 'line total (price × quantity) beyond {limit}'
            WHEN total IS NULL AND (price IS NULL OR quantity IS NULL) AND {has_amount}
                THEN 'no amount: neither a line total nor both quantity and price'
        END AS reason
    FROM cells
)
SELECT line_number, reason, raw_text,
       invoice, stock_code, description, quantity, invoice_date, price, country, category,
       -- price × quantity rounded at 4 places. For a whole quantity under a million and a product under 9e7 (nearly every
       -- line) it is computed in doubles, exactly: price × 10,000 is a whole number, the product stays below 2^53, and
       -- the cast back rounds a double within an ulp of a 4-place value to that value. Otherwise in DECIMAL(38,8).
       CASE WHEN reason IS NULL THEN coalesce(total,
           CASE WHEN abs(CAST(quantity AS DOUBLE)) < 1e6 AND CAST(quantity AS DOUBLE) = trunc(CAST(quantity AS DOUBLE))
                     AND abs(CAST(price AS DOUBLE) * CAST(quantity AS DOUBLE)) < 9e7
                THEN CAST(round(CAST(price AS DOUBLE) * 10000) * CAST(quantity AS DOUBLE) / 10000 AS DECIMAL(18,4))
                ELSE CAST(price * quantity AS DECIMAL(18,4)) END) END AS amount,
       -- "17850.0" and " 17850 " are the customer 17850; empty, nan, null and NA are no customer (ValueParsers.NormaliseId).
       CASE
           WHEN customer_text = '' OR lower(customer_text) IN ('nan', 'null') OR customer_text = 'NA' THEN NULL
           WHEN regexp_full_match(customer_text, '[0-9]+\.0*') THEN split_part(customer_text, '.', 1)
           ELSE customer_text
       END AS customer_id
FROM reasons;
