-- Frontline central store, schema 1. One SQL text for both backends (PostgreSQL and the
-- embedded SQLite file): BIGINT, TEXT and constraints only.
-- central_events: every console's events, exactly once per (origin, seq). `revision` is
-- assigned by the pushing console under the push lock, in commit order, so a reader that
-- has seen revision R has seen everything up to R (the pull cursor).
-- interactions, complaints, agent_states: projections recomputed from all events of each
-- affected interaction, complaint or agent, in (ts_us, origin, seq) order.

CREATE TABLE central_events (
  revision        BIGINT  PRIMARY KEY,
  origin          TEXT    NOT NULL,
  seq             BIGINT  NOT NULL,
  interaction_id  TEXT    NOT NULL,             -- '' for agent state changes
  complaint_id    TEXT    NOT NULL,             -- from the payload of complaint events, else ''
  ts_us           BIGINT  NOT NULL,
  kind            TEXT    NOT NULL,
  agent_id        TEXT    NOT NULL,
  payload_json    TEXT    NOT NULL,
  UNIQUE (origin, seq)
);
CREATE INDEX central_events_by_interaction ON central_events (interaction_id);
CREATE INDEX central_events_by_complaint ON central_events (complaint_id);
CREATE INDEX central_events_by_agent ON central_events (agent_id, kind);

CREATE TABLE interactions (
  id              TEXT PRIMARY KEY,
  customer_id     BIGINT,
  channel         TEXT NOT NULL,
  direction       TEXT NOT NULL,
  address         TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  subject         TEXT NOT NULL,
  agent_id        TEXT NOT NULL,
  status          TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  offered_us      BIGINT NOT NULL,
  answered_us     BIGINT,
  ended_us        BIGINT,
  wrapped_us      BIGINT,
  wait_us         BIGINT,
  talk_us         BIGINT,
  acw_us          BIGINT,
  disposition     TEXT NOT NULL,
  note            TEXT NOT NULL,
  satisfaction_expected  BIGINT,
  satisfaction_perceived BIGINT,
  last_event_us   BIGINT NOT NULL,
  external_id     TEXT NOT NULL
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, offered_us);

CREATE TABLE complaints (
  id                 TEXT PRIMARY KEY,
  customer_id        BIGINT,
  interaction_id     TEXT NOT NULL,
  category           TEXT NOT NULL,
  priority           TEXT NOT NULL,
  summary            TEXT NOT NULL,
  status             TEXT NOT NULL,
  owner_agent_id     TEXT NOT NULL,
  opened_us          BIGINT NOT NULL,
  first_response_us  BIGINT,
  resolved_us        BIGINT,
  response_due_us    BIGINT NOT NULL,
  resolution_due_us  BIGINT NOT NULL,
  last_event_us      BIGINT NOT NULL
);
CREATE INDEX complaints_by_status ON complaints (status, resolution_due_us);

CREATE TABLE agent_states (
  agent_id  TEXT PRIMARY KEY,
  state     TEXT NOT NULL,
  reason    TEXT NOT NULL,
  since_us  BIGINT NOT NULL
);
