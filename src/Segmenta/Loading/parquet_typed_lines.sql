-- The rows of a Parquet file as raw_lines values, read by type (no text parsing), with the reason a row cannot be
-- loaded (NULL when it can). The rules, their order (date, quantity, price, amount) and the reason texts are
-- LineConverter's, so a Parquet file and the CSV of the same lines load the same values and quarantine the same lines
-- for the same reasons. Row numbers count the header as line 1, as in the CSV of the same rows.
-- The {placeholders} are filled by ParquetTypedImport with one expression per role for the column's Parquet type
-- (values as DECIMAL(18,4), `_fits` false beyond the limit or not finite, `_cell` the file's cell, `_text` the value
-- as the CSV shows it). The file's columns are renamed c0, c1, ... so that no name of the file can clash with ours.
-- Cost (decision 78): every expression here runs on every row, so a value's text is written only inside the reason
-- that shows it (a CASE evaluates a THEN on the rows that reach it), and the common cells take a cheap first branch.
CREATE OR REPLACE TEMP VIEW parquet_typed_lines AS
WITH source AS (
    SELECT file_row_number + 2 AS line_number, {columns}
    FROM read_parquet({path}, file_row_number = true)
), cells AS (
    SELECT *,
           {date} AS invoice_date,
           {quantity} AS quantity, {quantity_fits} AS quantity_fits,
           {price} AS price, {price_fits} AS price_fits,
           {total} AS total, {total_fits} AS total_fits,
           {customer} AS customer_text,
           {invoice} AS invoice, {product} AS stock_code, {description} AS description, {country} AS country,
           {category} AS category
    FROM source
), reasons AS (
    SELECT *,
        CASE
            WHEN invoice_date IS NULL AND {date_cell} IS NULL THEN 'missing date'
            WHEN invoice_date IS NULL THEN 'impossible or unreadable date ''' || {date_text} || ''''
            WHEN {has_quantity} AND {quantity_cell} IS NULL THEN 'non-numeric quantity '''''
            WHEN NOT quantity_fits THEN 'quantity ''' || {quantity_text} || ''' beyond {limit}'
            WHEN {has_price} AND {price_cell} IS NULL AND NOT {has_total} THEN 'non-numeric price '''''
            WHEN NOT price_fits THEN 'price ''' || {price_text} || ''' beyond {limit}'
            WHEN NOT total_fits THEN 'line total ''' || {total_text} || ''' beyond {limit}'
            -- the product in doubles first: exact DECIMAL(38,8) arithmetic only where it can be near the limit
            WHEN total IS NULL AND price IS NOT NULL AND quantity IS NOT NULL
                 AND abs(CAST(price AS DOUBLE) * CAST(quantity AS DOUBLE)) >= 9e13
                 AND abs(CAST(price AS DECIMAL(38,4)) * quantity) > {limit_number}
                THEN 'line total (price × quantity) beyond {limit}'
            WHEN total IS NULL AND (price IS NULL OR quantity IS NULL) AND {has_amount}
                THEN 'no amount: neither a line total nor both quantity and price'
        END AS reason
    FROM cells
)
SELECT line_number, reason, {raw} AS raw_text,
       invoice, stock_code, description, quantity, invoice_date, price, country, category,
       -- price × quantity rounded at 4 places. DuckDB multiplies two DECIMAL(18,4) in 64-bit integers (DECIMAL(18,8),
       -- exact, an error beyond 1e10), so the product is taken there when its estimate in doubles is under 1e9 (nearly
       -- every line), in DECIMAL(38,8) otherwise; the cast to 4 places rounds half away from zero either way.
       CASE WHEN reason IS NULL THEN coalesce(total,
           CASE WHEN abs(CAST(price AS DOUBLE) * CAST(quantity AS DOUBLE)) < 1e9 THEN CAST(price * quantity AS DECIMAL(18,4))
                ELSE CAST(CAST(price AS DECIMAL(38,4)) * quantity AS DECIMAL(18,4)) END) END AS amount,
       -- "17850.0" and " 17850 " are the customer 17850; empty, nan, null and NA are no customer (ValueParsers.NormaliseId).
       -- An id that starts with a digit and has no point (nearly every id) is none of these and is kept as it is.
       CASE
           WHEN ascii(customer_text) BETWEEN 48 AND 57 AND NOT contains(customer_text, '.') THEN customer_text
           WHEN customer_text = '' OR lower(customer_text) IN ('nan', 'null') OR customer_text = 'NA' THEN NULL
           WHEN regexp_full_match(customer_text, '[0-9]+\.0*') THEN split_part(customer_text, '.', 1)
           ELSE customer_text
       END AS customer_id
FROM reasons;
