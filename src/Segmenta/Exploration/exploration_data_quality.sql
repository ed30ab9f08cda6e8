-- What cleaning and loading removed: one row per cleaning outcome (from cleaning_report, in rule order, 'kept'
-- included) and one row per quarantine reason (lines that could not be parsed; their revenue is unknown).
-- Shares are of all lines read (loaded + quarantined).
CREATE OR REPLACE TABLE exploration_data_quality AS
WITH rows AS (
    SELECT 'cleaning' AS kind, step AS step, rule AS name, description, lines, revenue FROM cleaning_report
    UNION ALL
    SELECT 'quarantine', 1000 + row_number() OVER (ORDER BY count(*) DESC, reason), reason,
           'Line could not be parsed and was quarantined.', count(*), NULL
    FROM quarantine
    GROUP BY reason
),
total AS (
    SELECT sum(lines) AS lines FROM rows
)
SELECT r.kind, r.step::INTEGER AS step, r.name, r.description, r.lines::BIGINT AS lines, r.revenue::DOUBLE AS revenue,
       (r.lines / nullif(t.lines, 0))::DOUBLE AS line_share
FROM rows r
CROSS JOIN total t
ORDER BY r.step;
