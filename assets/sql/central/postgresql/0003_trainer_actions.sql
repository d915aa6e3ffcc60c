-- Frontline central store on PostgreSQL: who may write a trainer's work. Applied by
-- `frontline central init` after 0002 (idempotent).
--   frontline_trainer  reads everything; writes, from its own origin, only annotations,
--                      evaluations and the record of unmasking a replay; no projection.
--   frontline_agent    may not write those; it may acknowledge an evaluation of itself.
--   frontline_supervisor  replays contacts from its drill-downs: it may also annotate and
--                      unmask (besides its own actions of 0002), not evaluate.
-- Create a trainer's login with:  CREATE ROLE "trainer-01" LOGIN PASSWORD '...' IN ROLE frontline_trainer;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontline_trainer') THEN
    CREATE ROLE frontline_trainer NOLOGIN;
  END IF;
END
$$;

GRANT SELECT ON central_schema, central_events, interactions, complaints, agent_states, customers,
  customer_addresses, orders, sla_policies, dispositions, not_ready_reasons, complaint_categories
  TO frontline_trainer;
GRANT INSERT ON central_events TO frontline_trainer;

DROP POLICY IF EXISTS central_events_own_origin ON central_events;
CREATE POLICY central_events_own_origin ON central_events FOR INSERT TO frontline_agent
  WITH CHECK (origin = current_user AND kind NOT IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged', 'annotated', 'evaluated', 'unmasked'));
DROP POLICY IF EXISTS central_events_trainer ON central_events;
CREATE POLICY central_events_trainer ON central_events FOR INSERT TO frontline_trainer
  WITH CHECK (origin = current_user AND kind IN ('annotated', 'evaluated', 'unmasked'));
DROP POLICY IF EXISTS central_events_supervisor ON central_events;
CREATE POLICY central_events_supervisor ON central_events FOR INSERT TO frontline_supervisor
  WITH CHECK (origin = current_user AND kind IN ('complaint_reassigned', 'complaint_reprioritised',
    'complaint_escalated', 'agent_state_requested', 'alert_acknowledged', 'annotated', 'unmasked'));
