-- Frontline local store, schema 4: the sync with the central store.
-- sync_state: the console's cursors (key/value): pushed_seq, the last of this console's
-- events the central store has acknowledged; pulled_revision, the central revision up
-- to which other consoles' events are here.
-- The complaint of a complaint event, indexed, so that a complaint touched by another
-- console is refolded from its own events only.

CREATE TABLE sync_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

CREATE INDEX interaction_events_by_complaint ON interaction_events (json_extract(payload_json, '$.complaint_id'))
  WHERE kind IN ('complaint_opened', 'complaint_responded', 'complaint_resolved');
