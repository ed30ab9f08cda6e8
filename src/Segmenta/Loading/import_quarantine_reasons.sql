-- The most frequent kinds of quarantine reason of one import, with the first line of each as an example.
-- A kind is the reason without the value that caused it: "impossible or unreadable date '19970101'" -> "impossible or unreadable date".
WITH q AS (
    SELECT line_number, reason, raw_text, regexp_replace(reason, $kindPattern, '') AS kind
    FROM quarantine
    WHERE import_id = $id
)
SELECT kind,
       count(*) AS lines,
       min(line_number) AS first_line,
       arg_min(reason, line_number) AS first_reason,
       left(arg_min(raw_text, line_number), $maxEcho + 1) AS first_text
FROM q
GROUP BY kind
ORDER BY lines DESC, kind
LIMIT $top
