-- The category stage's tables, rebuilt by each run (customer_category_spend and category_summary: category_summary.sql;
-- segment_category_preferences: segment_category_preferences.sql).
-- product_categories: one row per product of the kept lines (a stock code; without stock codes, the description), its
-- chosen description (the most frequent on its kept lines, ties by text), its category and the phrase or column value
-- that decided it. Every product is in exactly one category; "other" holds those without one.
CREATE OR REPLACE TABLE product_categories (
    product     VARCHAR NOT NULL PRIMARY KEY,
    description VARCHAR,
    category    VARCHAR NOT NULL,
    matched     VARCHAR NOT NULL
);
