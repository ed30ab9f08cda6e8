-- Which cleaning of which lines the purchase tables were made from: the number of loaded lines and the cleaning
-- report (lines and revenue of every outcome). Another cleaning (another preset or options, more lines, the
-- PostgreSQL engine's outcome of other lines) changes it, and the readers of the purchase tables then fall back to
-- clean_lines.
SELECT (SELECT count(*) FROM raw_lines)::VARCHAR || ';'
    || coalesce((SELECT string_agg(rule || '=' || lines::VARCHAR || '/' || coalesce(revenue::VARCHAR, ''), ';' ORDER BY step) FROM cleaning_report), '')
