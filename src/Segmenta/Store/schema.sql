-- The store's permanent tables. Analysis tables (clean_lines, customers, ...) are rebuilt by each run.
CREATE TABLE IF NOT EXISTS imports (
    import_id         INTEGER PRIMARY KEY,
    source_name       VARCHAR NOT NULL,
    source_path       VARCHAR NOT NULL,
    size_bytes        BIGINT NOT NULL,
    sha256            VARCHAR NOT NULL,
    format            VARCHAR NOT NULL,
    encoding          VARCHAR,
    delimiter         VARCHAR,
    date_order        VARCHAR,
    decimal_style     VARCHAR,
    column_map        VARCHAR NOT NULL,
    roles             VARCHAR NOT NULL,
    lines_read        BIGINT NOT NULL,
    lines_loaded      BIGINT NOT NULL,
    lines_quarantined BIGINT NOT NULL,
    imported_at       TIMESTAMP NOT NULL,
    seconds           DOUBLE NOT NULL
);

-- Every line that could be parsed, typed, exactly as in the source (no cleaning yet).
-- Money and quantities are DECIMAL(18,4): exact, so sums do not depend on the order of the lines (docs/decisions.md).
-- amount is NULL only for files without any amount (customer and date, perhaps product): unknown, not free.
CREATE TABLE IF NOT EXISTS raw_lines (
    import_id    INTEGER NOT NULL,
    line_number  BIGINT NOT NULL,
    invoice      VARCHAR,
    stock_code   VARCHAR,
    description  VARCHAR,
    quantity     DECIMAL(18,4),
    invoice_date TIMESTAMP NOT NULL,
    unit_price   DECIMAL(18,4),
    amount       DECIMAL(18,4),
    customer_id  VARCHAR,
    country      VARCHAR
);
-- The product category column (issue #22), added after the others so that stores made before it keep their lines.
ALTER TABLE raw_lines ADD COLUMN IF NOT EXISTS category VARCHAR;

-- Every line that could not be parsed, with where it was and why.
CREATE TABLE IF NOT EXISTS quarantine (
    import_id   INTEGER NOT NULL,
    line_number BIGINT NOT NULL,
    reason      VARCHAR NOT NULL,
    raw_text    VARCHAR NOT NULL
);

-- One row per command run against the store: what was asked, what came out, how long each step took.
CREATE TABLE IF NOT EXISTS runs (
    run_id        INTEGER PRIMARY KEY,
    command       VARCHAR NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    options       VARCHAR NOT NULL,
    lines_loaded  BIGINT,
    lines_clean   BIGINT,
    customers     BIGINT,
    seconds       DOUBLE NOT NULL,
    step_seconds  VARCHAR NOT NULL
);
