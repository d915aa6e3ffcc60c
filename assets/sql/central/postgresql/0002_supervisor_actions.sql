-- Frontline central store on PostgreSQL: who may write a supervisor's actions. Applied by
-- `frontline central init` after 0001_roles.sql (idempotent).
--   frontline_agent       may not write the supervisor's kinds (reassign, reprioritise,
--                         escalate, requests to agents, alert acknowledgements);
--   frontline_supervisor  writes exactly those, from its own origin, and the complaint
--                         projections they recompute; nothing else.
GRANT INSERT ON central_events TO frontline_supervisor;
GRANT INSERT, UPDATE ON complaints TO frontline_supervisor;

DROP POLICY IF EXISTS central_events_own_origin ON central_events;
CREATE POLICY central_events_own_origin ON central_events FOR INSERT TO frontline_agent
  WITH CHECK (origin = current_user AND kind NOT IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged'));
DROP POLICY IF EXISTS central_events_supervisor ON central_events;
CREATE POLICY central_events_supervisor ON central_events FOR INSERT TO frontline_supervisor
  WITH CHECK (origin = current_user AND kind IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged'));
