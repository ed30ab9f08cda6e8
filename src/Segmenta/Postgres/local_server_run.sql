-- The local store of a PostgreSQL run: where its lines stay (one row, written when the run succeeded). The connection
-- strings are kept without their password (Npgsql reads it from PGPASSWORD or ~/.pgpass, as libpq's tools do); the
-- token is the one the run wrote on the servers (Postgres/server_run.sql). segmenta segment, clv and explore on this
-- store run their line-level SQL on these servers again.
CREATE OR REPLACE TABLE postgres_run (
    connection VARCHAR NOT NULL,
    schema_name VARCHAR NOT NULL,
    shards_json VARCHAR NOT NULL,
    run_token VARCHAR NOT NULL
);
