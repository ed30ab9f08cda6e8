-- Every customer's probability of being alive under the chosen BG/NBD model, computed where its lines are (one server,
-- or every shard over its own customers; the coordinator's customer_lifetime is the union of the shards'). Filled by
-- Postgres/PostgresLifetime.cs with SqlLifetime.AliveQuery over lifetime_customers; empty when another model was chosen.
-- Logged: a result other tools join, like customer_segments.
DROP TABLE IF EXISTS customer_lifetime;
CREATE TABLE customer_lifetime (customer_id TEXT, p_alive DOUBLE PRECISION);
