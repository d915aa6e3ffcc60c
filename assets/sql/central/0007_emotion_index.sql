-- Frontline central store, schema 7: how the customer felt (as local schema 14).
ALTER TABLE interactions ADD COLUMN emotion_index BIGINT;
ALTER TABLE interactions ADD COLUMN emotion_trend BIGINT NOT NULL DEFAULT 0;
ALTER TABLE interactions ADD COLUMN emotion_arousal_x100 BIGINT NOT NULL DEFAULT 0;
ALTER TABLE interactions ADD COLUMN emotion_by TEXT NOT NULL DEFAULT '';
