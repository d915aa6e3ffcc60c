-- Frontline local store, schema 7: what the supervisor's floor reads.
--
-- interactions.queue: the queue a contact was offered in (the CTI event's queue, the
-- SIP call's called user, the email's recipient address, each mapped through the
-- [[queues]] configuration), from its offered event; '' when none was known.
-- event_heads: the newest seq stored per origin, kept by a trigger on the event log, so
-- that the analytics worker finds new events (this console's and pulled ones) without
-- scanning the log.
ALTER TABLE interactions ADD COLUMN queue TEXT NOT NULL DEFAULT '';
UPDATE interactions SET queue = COALESCE(
  (SELECT json_extract(e.payload_json, '$.queue') FROM interaction_events e
    WHERE e.interaction_id = interactions.id AND e.kind = 'offered' LIMIT 1), '');
CREATE INDEX interactions_unfinished ON interactions (offered_us) WHERE wrapped_us IS NULL;

CREATE TABLE event_heads (
  origin  TEXT PRIMARY KEY,
  seq     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO event_heads (origin, seq) SELECT origin, MAX(seq) FROM interaction_events GROUP BY origin;
CREATE TRIGGER event_heads_follow AFTER INSERT ON interaction_events BEGIN
  INSERT INTO event_heads (origin, seq) VALUES (NEW.origin, NEW.seq)
    ON CONFLICT (origin) DO UPDATE SET seq = MAX(seq, excluded.seq);
END;

-- A supervisor's complaint actions are complaint events too: the index that finds a
-- complaint's events covers them.
DROP INDEX interaction_events_by_complaint;
CREATE INDEX interaction_events_by_complaint ON interaction_events (json_extract(payload_json, '$.complaint_id'))
  WHERE kind IN ('complaint_opened', 'complaint_responded', 'complaint_resolved', 'complaint_reassigned',
                 'complaint_reprioritised', 'complaint_escalated');

-- Supervisors' requests to agents and alert acknowledgements: few, found by time.
CREATE INDEX interaction_events_state_requests ON interaction_events (ts_us) WHERE kind = 'agent_state_requested';
CREATE INDEX interaction_events_alert_acks ON interaction_events (ts_us) WHERE kind = 'alert_acknowledged';
