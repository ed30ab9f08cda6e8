-- Reporting/overview.sql for a store whose lines are on a PostgreSQL server: the same columns and types, from the
-- facts the server computed (Postgres/line_facts.sql). The exact revenue becomes a double here, as DuckDB turns the
-- sum of the lines into one.
SELECT first_date, last_date, gross_revenue::DOUBLE AS gross_revenue, orders, customers, products, countries, main_country
FROM line_facts;
