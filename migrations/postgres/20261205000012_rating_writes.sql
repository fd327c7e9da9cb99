-- How many ratings each plan holds, kept by the database as ratings are added and removed, so
-- that the limit on a plan's ratings is checked by reading one row. Counting a plan's ratings on
-- every new one visited each of them in the table itself, one page apiece, while their pages
-- were not yet marked all-visible by vacuum (as they are not while a person keeps rating): that
-- count was most of a rating write's cost (BENCHMARKS.md, load). SQLite keeps counting: its
-- count reads only the index, and writing the plan's row too made each rating slower there.
ALTER TABLE plans ADD COLUMN ratings_held BIGINT NOT NULL DEFAULT 0;
UPDATE plans SET ratings_held = (SELECT COUNT(*) FROM ratings WHERE ratings.plan_id = plans.id);

CREATE FUNCTION keep_ratings_held() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE plans SET ratings_held = ratings_held + 1 WHERE id = NEW.plan_id;
        RETURN NEW;
    END IF;
    -- A plan being deleted takes its ratings with it; its row is gone and nothing is updated.
    UPDATE plans SET ratings_held = ratings_held - 1 WHERE id = OLD.plan_id;
    RETURN OLD;
END
$$;
CREATE TRIGGER ratings_held AFTER INSERT OR DELETE ON ratings FOR EACH ROW EXECUTE FUNCTION keep_ratings_held();

-- A plan's newest rating (what a new one is compared with) is read in the index's own order,
-- newest first, one entry: ratings of the same second are ordered by id, and without id in the
-- index the prepared query sorted every rating of the plan to find it. SQLite's indexes end in
-- the row id already.
DROP INDEX ratings_plan;
CREATE INDEX ratings_plan ON ratings(plan_id, measure, rated_at, id);
