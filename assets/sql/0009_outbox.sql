-- Frontline local store, schema 9: the outbox. Every reply sent through smtp.relay waits
-- here until the relay accepts it (state 'sent'); a relay that cannot be reached or
-- answers 4xx is tried again later, each wait twice the last (30 s to 30 min), for a day;
-- a 5xx refusal or a day without success leaves it 'failed', shown to the agent. The
-- reply itself is also the interaction's email_sent event; this is the console's own
-- delivery state, not synced.
CREATE TABLE outbox (
  message_id       TEXT    PRIMARY KEY,
  interaction_id   TEXT    NOT NULL,
  email_json       TEXT    NOT NULL,                  -- the message as composed (desk/src/outbox.cpp)
  state            TEXT    NOT NULL DEFAULT 'waiting', -- waiting, sending, sent, failed
  attempts         INTEGER NOT NULL DEFAULT 0,
  queued_us        INTEGER NOT NULL,
  next_attempt_us  INTEGER NOT NULL,
  last_error       TEXT    NOT NULL DEFAULT '',
  sent_us          INTEGER
);
CREATE INDEX outbox_by_state ON outbox (state, next_attempt_us);
