-- Frontline central store on PostgreSQL: who may write the emotion index (README "Emotion
-- index"). Applied by `frontline central init` after 0005 (idempotent); replaces the
-- trainer's and the supervisor's policies of 0003.
--   emotion_scored     an estimate any console computes: an agent's as emails arrive, and
--                      `frontline emotion rescore` run with a supervisor's or a trainer's
--                      configuration after a lexicon change.
--   emotion_corrected  a trainer's reading of how the customer felt: a trainer's work, as
--                      annotations and evaluations are; an agent may not write it (the index
--                      never scores agents, and agents do not grade their own customers).
DROP POLICY IF EXISTS central_events_own_origin ON central_events;
CREATE POLICY central_events_own_origin ON central_events FOR INSERT TO frontline_agent
  WITH CHECK (origin = current_user AND kind NOT IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged', 'annotated', 'evaluated', 'unmasked',
    'emotion_corrected'));
DROP POLICY IF EXISTS central_events_trainer ON central_events;
CREATE POLICY central_events_trainer ON central_events FOR INSERT TO frontline_trainer
  WITH CHECK (origin = current_user AND kind IN ('annotated', 'evaluated', 'unmasked', 'emotion_corrected',
    'emotion_scored'));
DROP POLICY IF EXISTS central_events_supervisor ON central_events;
CREATE POLICY central_events_supervisor ON central_events FOR INSERT TO frontline_supervisor
  WITH CHECK (origin = current_user AND kind IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged', 'annotated', 'unmasked',
    'emotion_scored'));
