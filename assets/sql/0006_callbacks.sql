-- Frontline local store, schema 6: callbacks to callers the agents missed.
--
-- A callback is scheduled and done as events (callback_scheduled, callback_done) on the
-- interaction it calls back; this table is their projection, kept by triggers on the
-- event log, so that an event appended here and one pulled from another console (INSERT
-- OR IGNORE: a trigger fires only for a row really inserted) update it alike, in the same
-- transaction.
CREATE TABLE callbacks (
  id              TEXT PRIMARY KEY,          -- callback_id of the events
  interaction_id  TEXT    NOT NULL,          -- the contact it calls back
  address         TEXT    NOT NULL,          -- E.164 number to call
  name            TEXT    NOT NULL,          -- the customer's or caller's name, as scheduled
  customer_id     INTEGER,
  due_us          INTEGER NOT NULL,
  note            TEXT    NOT NULL,
  assignee        TEXT    NOT NULL,          -- an agent id, or '' for anyone
  scheduled_by    TEXT    NOT NULL,
  scheduled_us    INTEGER NOT NULL,
  status          TEXT    NOT NULL,          -- open, called, not_reached, cancelled
  done_by         TEXT    NOT NULL DEFAULT '',
  done_us         INTEGER
);
CREATE INDEX callbacks_open ON callbacks (due_us) WHERE status = 'open';

CREATE TRIGGER callbacks_scheduled AFTER INSERT ON interaction_events WHEN new.kind = 'callback_scheduled'
BEGIN
  INSERT OR IGNORE INTO callbacks (id, interaction_id, address, name, customer_id, due_us, note, assignee,
                                   scheduled_by, scheduled_us, status)
  VALUES (json_extract(new.payload_json, '$.callback_id'), new.interaction_id,
          COALESCE(json_extract(new.payload_json, '$.address'), ''),
          COALESCE(json_extract(new.payload_json, '$.name'), ''),
          json_extract(new.payload_json, '$.customer_id'),
          COALESCE(json_extract(new.payload_json, '$.due_us'), new.ts_us),
          COALESCE(json_extract(new.payload_json, '$.note'), ''),
          COALESCE(json_extract(new.payload_json, '$.assignee'), ''),
          new.agent_id, new.ts_us, 'open');
END;
CREATE TRIGGER callbacks_done AFTER INSERT ON interaction_events WHEN new.kind = 'callback_done'
BEGIN
  UPDATE callbacks SET status = COALESCE(json_extract(new.payload_json, '$.outcome'), 'called'),
                       done_by = new.agent_id, done_us = new.ts_us
  WHERE id = json_extract(new.payload_json, '$.callback_id') AND status = 'open';
END;

-- Callback events already in the log (pulled before this schema): their projection now.
INSERT OR IGNORE INTO callbacks (id, interaction_id, address, name, customer_id, due_us, note, assignee,
                                 scheduled_by, scheduled_us, status)
SELECT json_extract(payload_json, '$.callback_id'), interaction_id,
       COALESCE(json_extract(payload_json, '$.address'), ''), COALESCE(json_extract(payload_json, '$.name'), ''),
       json_extract(payload_json, '$.customer_id'), COALESCE(json_extract(payload_json, '$.due_us'), ts_us),
       COALESCE(json_extract(payload_json, '$.note'), ''), COALESCE(json_extract(payload_json, '$.assignee'), ''),
       agent_id, ts_us, 'open'
FROM interaction_events WHERE kind = 'callback_scheduled' ORDER BY ts_us, origin, seq;
UPDATE callbacks SET (status, done_by, done_us) = (
  SELECT COALESCE(json_extract(e.payload_json, '$.outcome'), 'called'), e.agent_id, e.ts_us
  FROM interaction_events e WHERE e.kind = 'callback_done' AND json_extract(e.payload_json, '$.callback_id') = callbacks.id
  ORDER BY e.ts_us, e.origin, e.seq LIMIT 1)
WHERE EXISTS (SELECT 1 FROM interaction_events e WHERE e.kind = 'callback_done'
              AND json_extract(e.payload_json, '$.callback_id') = callbacks.id);
