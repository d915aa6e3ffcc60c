-- Frontline central store, schema 3: the queue each contact was offered in (see the local
-- schema 7), for the supervisors' queue figures and reports.
ALTER TABLE interactions ADD COLUMN queue TEXT NOT NULL DEFAULT '';
