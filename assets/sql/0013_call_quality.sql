-- Frontline local store, schema 13: how each call sounds. call_quality events (README
-- "Call quality": the E-model's MOS from RTP and RTCP) give the interaction its latest
-- grade and MOS, and the worst grade it had, which the supervisor's floor counts.
ALTER TABLE interactions ADD COLUMN quality_grade TEXT NOT NULL DEFAULT '';  -- '', good, fair, poor
ALTER TABLE interactions ADD COLUMN mos_x100 INTEGER;                        -- 431 = MOS 4.31; NULL before a score
ALTER TABLE interactions ADD COLUMN worst_grade TEXT NOT NULL DEFAULT '';    -- the worst grade the call had
