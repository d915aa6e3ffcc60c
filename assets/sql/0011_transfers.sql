-- Frontline local store, schema 11: where a transferred call went. The agent's blind
-- transfer (a SIP REFER) is recorded as transfer_requested, then transferred or
-- transfer_failed; the interaction keeps the target and how the transfer stands, so the
-- pop, the history and the trainer's replay show it without reading the events again.
ALTER TABLE interactions ADD COLUMN transfer_to TEXT NOT NULL DEFAULT '';     -- the number or address asked for
ALTER TABLE interactions ADD COLUMN transfer_state TEXT NOT NULL DEFAULT '';  -- '', requested, transferred, failed
ALTER TABLE interactions ADD COLUMN transfer_error TEXT NOT NULL DEFAULT '';  -- why it failed ("486 Busy Here")
