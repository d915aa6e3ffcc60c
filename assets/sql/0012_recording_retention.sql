-- Frontline local store, schema 12: the daily recording sweep (recordings.retention_days)
-- reads the calls' recorded events; this index holds only those.
CREATE INDEX interaction_events_recordings ON interaction_events (origin, ts_us) WHERE kind = 'recorded';
