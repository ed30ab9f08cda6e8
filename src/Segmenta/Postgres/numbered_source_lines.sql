-- On every shard: its staged lines numbered as the whole table's row_number() over PostgresSource.LineOrder numbers them
-- (the order's leading columns are the key's, so a line's number is its key's offset plus its rank within the key),
-- into the shard's raw_lines as the run's import; then the staging tables go.
INSERT INTO raw_lines (import_id, line_number, invoice, stock_code, description, quantity, invoice_date, unit_price, amount,
                       customer_id, country, category, distribution_key)
SELECT {import}, o.line_offset + row_number() OVER (PARTITION BY s.customer_id IS NULL, s.distribution_key ORDER BY {order}),
       s.invoice, s.stock_code, s.description, s.quantity, s.invoice_date, s.unit_price, s.amount, s.customer_id, s.country,
       s.category, s.distribution_key
FROM source_lines s
JOIN line_key_offsets o ON o.anonymous = (s.customer_id IS NULL) AND o.distribution_key = s.distribution_key;
DROP TABLE source_lines;
DROP TABLE line_key_counts;
DROP TABLE line_key_offsets;
