-- The loadable rows of parquet_typed_lines into raw_lines. A line without a unit price but with an amount and a
-- non-zero quantity gets amount ÷ quantity, rounded half away from zero at 4 places, computed exactly in integers
-- of 1/10,000 (as LineConverter does in decimal). The view's values are DECIMAL(18,4), whose products DuckDB keeps in 64
-- bits (an error beyond 1e10), so they are widened to DECIMAL(38,4) before they are scaled.
INSERT INTO raw_lines (import_id, line_number, invoice, stock_code, description, quantity, invoice_date, unit_price,
                       amount, customer_id, country, category)
SELECT $importId, line_number, invoice, stock_code, description, quantity, invoice_date,
       CAST(coalesce(price, CASE WHEN amount IS NOT NULL AND quantity IS NOT NULL AND quantity <> 0 THEN
           (CASE WHEN (amount < 0) <> (quantity < 0) THEN -1 ELSE 1 END)
           * CAST((2 * abs(CAST(CAST(amount AS DECIMAL(38,4)) * 10000 AS HUGEINT)) * 10000 + abs(CAST(CAST(quantity AS DECIMAL(38,4)) * 10000 AS HUGEINT)))
                  // (2 * abs(CAST(CAST(quantity AS DECIMAL(38,4)) * 10000 AS HUGEINT))) AS DECIMAL(38,0)) * CAST(0.0001 AS DECIMAL(38,4))
       END) AS DECIMAL(18,4)),
       amount, customer_id, country, category
FROM parquet_typed_lines
WHERE reason IS NULL;
