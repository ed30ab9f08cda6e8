-- A shard's staging table of a --table source's mapped lines before they are numbered (Postgres/ShardedTableSource.cs):
-- raw_lines' columns but the import and the line number; unlogged, a copy analyze re-creates.
DROP TABLE IF EXISTS source_route;
DROP TABLE IF EXISTS source_lines;
CREATE {unlogged} TABLE source_lines (
    invoice          TEXT,
    stock_code       TEXT,
    description      TEXT,
    quantity         NUMERIC(18,4),
    invoice_date     TIMESTAMP NOT NULL,
    unit_price       NUMERIC(18,4),
    amount           NUMERIC(18,4),
    customer_id      TEXT,
    country          TEXT,
    category         TEXT,
    distribution_key TEXT NOT NULL
);
