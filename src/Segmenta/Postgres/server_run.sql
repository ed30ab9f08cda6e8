-- On the server (the coordinator and every shard's schema): which run's lines the schema holds. A run writes a new
-- token as soon as it lays the schema out, so a store whose remembered token differs knows the lines it was analysed
-- from were replaced (by another run into the same schema) and says so instead of reading another run's lines.
-- {unlogged}: UNLOGGED where the server's line tables are (Postgres/ServerRun.cs), so a crash that empties them
-- empties the token too.
DROP TABLE IF EXISTS segmenta_run;
CREATE {unlogged} TABLE segmenta_run (run_token TEXT NOT NULL, written_at TIMESTAMPTZ NOT NULL DEFAULT now());
