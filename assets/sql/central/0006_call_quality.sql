-- Frontline central store, schema 6: how each call sounds (as local schema 13).
ALTER TABLE interactions ADD COLUMN quality_grade TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN mos_x100 BIGINT;
ALTER TABLE interactions ADD COLUMN worst_grade TEXT NOT NULL DEFAULT '';
