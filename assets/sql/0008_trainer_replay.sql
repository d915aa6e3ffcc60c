-- Frontline local store, schema 8: what the trainer's search and replay read.
--
-- The replay shows the agent's state around a contact: their agent_state events in a
-- time range. The search filters past contacts by agent and queue, newest first, and
-- finds the contacts in which a complaint was opened.
CREATE INDEX interaction_events_agent_states ON interaction_events (agent_id, ts_us) WHERE kind = 'agent_state';
CREATE INDEX interactions_by_agent ON interactions (agent_id, offered_us);
CREATE INDEX interactions_by_queue ON interactions (queue, offered_us);
CREATE INDEX complaints_by_interaction ON complaints (interaction_id);
-- Annotations, evaluations and their acknowledgements, by the interaction they are about
-- (the interaction_events_by_interaction index) and, for an agent's "My evaluations", by
-- the agent evaluated.
CREATE INDEX interaction_events_evaluations ON interaction_events (json_extract(payload_json, '$.agent'), ts_us)
  WHERE kind = 'evaluated';
-- The search's other orders (longest handle, longest wait first) walk these, so that a page
-- costs the same however many contacts match; the expressions are the search's own.
CREATE INDEX interactions_by_handle ON interactions ((COALESCE(talk_us, 0) + COALESCE(acw_us, 0)), offered_us);
CREATE INDEX interactions_by_wait ON interactions ((COALESCE(wait_us, COALESCE(ended_us, last_event_us) - offered_us)),
  offered_us);
