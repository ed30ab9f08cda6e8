-- On the server (or every shard): each product's category, which the category summary joins to the lines there.
DROP TABLE IF EXISTS product_categories;
CREATE TABLE product_categories (product TEXT PRIMARY KEY, description TEXT, category TEXT NOT NULL, matched TEXT NOT NULL);
