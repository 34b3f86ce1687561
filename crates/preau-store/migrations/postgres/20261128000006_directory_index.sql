-- The directory search orders by search_name and stops at 20 results: walking this narrow
-- index in order, the search reads few rows for a common fragment instead of every account,
-- and never the wide table rows of names that do not match.
CREATE INDEX users_by_search_name ON users(search_name, id);
