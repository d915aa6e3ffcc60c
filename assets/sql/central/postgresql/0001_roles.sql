-- Frontline central store on PostgreSQL: the roles consoles log in with. Applied by
-- `frontline central init` after the schema (idempotent; run it as the owner).
--   frontline_agent       an agent's console: reads everything; writes only events of its
--                         own origin (its login role's name must be its agent.id) and the
--                         projections those events recompute; cannot touch reference data.
--   frontline_supervisor  reads everything; writes nothing.
-- Create a console's login with:  CREATE ROLE "agent-01" LOGIN PASSWORD '...' IN ROLE frontline_agent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontline_agent') THEN
    CREATE ROLE frontline_agent NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontline_supervisor') THEN
    CREATE ROLE frontline_supervisor NOLOGIN;
  END IF;
END
$$;

GRANT SELECT ON central_schema, central_events, interactions, complaints, agent_states, customers,
  customer_addresses, orders, sla_policies, dispositions, not_ready_reasons, complaint_categories
  TO frontline_agent, frontline_supervisor;
GRANT INSERT ON central_events TO frontline_agent;
GRANT INSERT, UPDATE ON interactions, complaints, agent_states TO frontline_agent;

ALTER TABLE central_events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS central_events_read ON central_events;
CREATE POLICY central_events_read ON central_events FOR SELECT USING (true);
DROP POLICY IF EXISTS central_events_own_origin ON central_events;
CREATE POLICY central_events_own_origin ON central_events FOR INSERT TO frontline_agent
  WITH CHECK (origin = current_user);
