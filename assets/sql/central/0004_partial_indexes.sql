-- Frontline central store, schema 4: the event indexes cover only the rows they serve.
-- Most events belong to no complaint (complaint_id ''), agent state changes to no
-- interaction (interaction_id ''), and only agent_state events are ever looked up by agent:
-- partial indexes skip the rest, so each pushed event updates fewer B-trees. Readers write
-- the same condition in their WHERE clause (store/sync/src/sync_engine.cpp).
DROP INDEX IF EXISTS central_events_by_interaction;
DROP INDEX IF EXISTS central_events_by_complaint;
DROP INDEX IF EXISTS central_events_by_agent;
CREATE INDEX central_events_by_interaction ON central_events (interaction_id) WHERE interaction_id <> '';
CREATE INDEX central_events_by_complaint ON central_events (complaint_id) WHERE complaint_id <> '';
CREATE INDEX central_events_agent_states ON central_events (agent_id, ts_us) WHERE kind = 'agent_state';
