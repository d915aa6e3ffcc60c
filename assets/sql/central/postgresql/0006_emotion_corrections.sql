-- Frontline central store on PostgreSQL: a trainer's correction of a contact's emotion
-- index (emotion_corrected, README "Emotion index") is a trainer's work, as annotations
-- and evaluations are: a trainer writes it from its own origin, an agent may not (the index
-- is never used to score agents, and agents do not grade their own customers' feelings).
-- Applied by `frontline central init` after 0005 (idempotent); replaces 0003's policies.
DROP POLICY IF EXISTS central_events_own_origin ON central_events;
CREATE POLICY central_events_own_origin ON central_events FOR INSERT TO frontline_agent
  WITH CHECK (origin = current_user AND kind NOT IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged', 'annotated', 'evaluated', 'unmasked',
    'emotion_corrected'));
DROP POLICY IF EXISTS central_events_trainer ON central_events;
CREATE POLICY central_events_trainer ON central_events FOR INSERT TO frontline_trainer
  WITH CHECK (origin = current_user AND kind IN ('annotated', 'evaluated', 'unmasked', 'emotion_corrected'));
