-- Frontline local store, schema 14: how the customer felt. emotion_scored events (README
-- "Emotion index": an estimate from the customer's own words) and a trainer's
-- emotion_corrected give the interaction its index, trend and arousal; the customer card,
-- the complaint board and the supervisor's trend read them here.
ALTER TABLE interactions ADD COLUMN emotion_index INTEGER;                      -- -100..100; NULL: none
ALTER TABLE interactions ADD COLUMN emotion_trend INTEGER NOT NULL DEFAULT 0;   -- last third minus first
ALTER TABLE interactions ADD COLUMN emotion_arousal_x100 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE interactions ADD COLUMN emotion_by TEXT NOT NULL DEFAULT '';       -- '', estimate, trainer
-- Which contacts a lexicon change leaves to rescore, and the corrections a report counts.
CREATE INDEX interaction_events_emotion ON interaction_events (interaction_id, ts_us)
  WHERE kind IN ('emotion_scored', 'emotion_corrected');
-- The customers' emails by time: which contacts are due a score (at start, after a rescore).
CREATE INDEX interaction_events_customer_words ON interaction_events (ts_us) WHERE kind = 'email_received';
