-- Frontline local store, schema 16: a call's transcript (CTI event "transcript", README
-- "Emotion index") gives the customer words on a call. The customers' words by time now
-- cover the transcript's lines as well as their emails: which contacts are due a score.
DROP INDEX interaction_events_customer_words;
CREATE INDEX interaction_events_customer_words ON interaction_events (ts_us)
  WHERE kind IN ('email_received', 'transcript_line');
