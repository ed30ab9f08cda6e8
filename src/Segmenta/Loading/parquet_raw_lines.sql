-- The loadable rows of parquet_typed_lines into raw_lines. A line without a unit price but with an amount and a
-- non-zero quantity gets amount ÷ quantity, rounded half away from zero at 4 places, computed exactly in integers
-- of 1/10,000 (as LineConverter does in decimal).
INSERT INTO raw_lines (import_id, line_number, invoice, stock_code, description, quantity, invoice_date, unit_price,
                       amount, customer_id, country, category)
SELECT $importId, line_number, invoice, stock_code, description, CAST(quantity AS DECIMAL(18,4)), invoice_date,
       CAST(coalesce(price, CASE WHEN amount IS NOT NULL AND quantity IS NOT NULL AND quantity <> 0 THEN
           (CASE WHEN (amount < 0) <> (quantity < 0) THEN -1 ELSE 1 END)
           * CAST((2 * abs(CAST(amount * 10000 AS HUGEINT)) * 10000 + abs(CAST(quantity * 10000 AS HUGEINT)))
                  // (2 * abs(CAST(quantity * 10000 AS HUGEINT))) AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4))
       END) AS DECIMAL(18,4)),
       amount, customer_id, country, category
FROM parquet_typed_lines
WHERE reason IS NULL;
