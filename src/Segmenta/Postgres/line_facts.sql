-- The facts about the lines for the whole data (one server, or a cluster's coordinator over the shards'
-- Postgres/line_fact_parts.sql): the loaded lines and those without an amount (LoadedAmounts), and the headline
-- numbers of the kept lines, column for column those of Reporting/overview.sql. The revenue stays an exact NUMERIC
-- (the local store turns it into a double as DuckDB does, Postgres/local_overview.sql); the main country is the one
-- with the most kept lines, ties to the first in byte order, NULL last (DuckDB's default order). One row comes back.
DROP TABLE IF EXISTS line_facts;
CREATE TABLE line_facts AS
WITH totals AS (
    SELECT sum(lines_loaded)::bigint AS lines_loaded, sum(lines_without_amount)::bigint AS lines_without_amount,
           min(first_date) AS first_date, max(last_date) AS last_date, sum(revenue) AS gross_revenue, sum(lines)::bigint AS kept_lines,
           sum(customers)::bigint AS customers
    FROM line_fact_parts
), distinct_values AS (
    SELECT kind, value, sum(lines) AS lines FROM line_fact_value_parts GROUP BY kind, value
)
SELECT t.lines_loaded, t.lines_without_amount, t.kept_lines, t.first_date, t.last_date, t.gross_revenue,
       (SELECT count(value) FROM distinct_values WHERE kind = 'order') AS orders,
       t.customers,
       (SELECT count(value) FROM distinct_values WHERE kind = 'product') AS products,
       (SELECT count(value) FROM distinct_values WHERE kind = 'country') AS countries,
       (SELECT (array_agg(value ORDER BY lines DESC, value COLLATE "C" NULLS LAST))[1] FROM distinct_values WHERE kind = 'country') AS main_country
FROM totals t;
