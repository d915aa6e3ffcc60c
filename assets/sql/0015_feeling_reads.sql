-- Frontline local store, schema 15: the supervisor's reads of how customers felt (README
-- "Emotion index"): each customer's scored contacts (their feeling: decayed average, last,
-- arrow) and the scored contacts by day (the feeling per queue and day). Both partial:
-- only contacts with an index are in them.
CREATE INDEX interactions_feeling_by_customer ON interactions (customer_id, offered_us)
  WHERE emotion_index IS NOT NULL;
CREATE INDEX interactions_feeling_by_time ON interactions (offered_us)
  WHERE emotion_index IS NOT NULL;
