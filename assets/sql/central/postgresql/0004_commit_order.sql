-- Frontline central store on PostgreSQL: pushes without a global lock (idempotent).
-- Revisions come from a sequence, so consoles push at once; a revision is then no longer
-- in commit order, so every row also records the transaction that wrote it (txid), and
-- pulls read in (txid, revision) order only below the oldest transaction still running
-- (pg_snapshot_xmin): a row there can no longer be joined by one committed later with a
-- smaller key. Rows written before this existed share the txid of the ALTER below, in
-- revision order.
CREATE SEQUENCE IF NOT EXISTS central_events_revision;
SELECT setval('central_events_revision',
              GREATEST((SELECT COALESCE(MAX(revision), 0) FROM central_events),
                       (SELECT last_value FROM central_events_revision)) + 1, false);
ALTER TABLE central_events ALTER COLUMN revision SET DEFAULT nextval('central_events_revision');
ALTER TABLE central_events ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS central_events_in_commit_order ON central_events (txid, revision);
GRANT USAGE ON SEQUENCE central_events_revision TO frontline_agent, frontline_supervisor, frontline_trainer;
