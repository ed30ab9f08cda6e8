-- The rows of parquet_typed_lines that cannot be loaded, with their row number, reason and cells as text.
INSERT INTO quarantine (import_id, line_number, reason, raw_text)
SELECT $importId, line_number, reason, raw_text
FROM parquet_typed_lines
WHERE reason IS NOT NULL;
