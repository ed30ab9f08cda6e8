-- Quarantined lines grouped by kind of reason (the quoted offending value removed), most frequent first.
SELECT regexp_replace(reason, ' ''.*$', '') AS kind, count(*) AS lines, min(line_number) AS first_line
FROM quarantine
GROUP BY kind
ORDER BY lines DESC;
