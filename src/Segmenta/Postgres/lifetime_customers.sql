-- The inputs of the lifetime models' closed forms, kept where the lines are after the summary over the whole period
-- (Postgres/SqlLifetime.cs): x, t_x and T of every customer of the server (on a cluster, of the shard), with the spend
-- purchases and their exact sum for the spend model. The summary itself is a temp table of the connection that made
-- it; the fitted models' predictions are computed over this table once the models are fitted
-- (Postgres/PostgresLifetime.cs, Postgres/SqlLifetimeValue.cs). UNLOGGED: re-created by every run, like the line tables.
DROP TABLE IF EXISTS lifetime_customers;
CREATE UNLOGGED TABLE lifetime_customers AS
SELECT customer_id, x, t_x, t, spend_purchases, spend_sum FROM lifetime_summary;
