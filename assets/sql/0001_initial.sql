-- Frontline local store, schema 1.
-- Events are the truth: interaction_events is an append-only log per console (origin).
-- interactions, complaints and agent_states are projections (folds of the events),
-- updated in the same transaction as the event that changes them.
-- Times are int64 microseconds UTC; money is integer minor units with a currency.

CREATE TABLE interaction_events (
  origin          TEXT    NOT NULL,           -- console id that recorded the event
  seq             INTEGER NOT NULL,           -- 1, 2, 3 ... per origin, no gaps
  interaction_id  TEXT,                       -- NULL for agent state changes
  ts_us           INTEGER NOT NULL,
  kind            TEXT    NOT NULL,
  agent_id        TEXT    NOT NULL DEFAULT '',
  payload_json    TEXT    NOT NULL DEFAULT '{}',
  PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
CREATE INDEX interaction_events_by_interaction ON interaction_events (interaction_id, ts_us);

-- Reference data --------------------------------------------------------------------

CREATE TABLE customers (
  id             INTEGER PRIMARY KEY,
  display_name   TEXT    NOT NULL,
  sort_name      TEXT    NOT NULL,            -- Latin transcription for search and sorting
  country        TEXT    NOT NULL,            -- ISO 3166-1 alpha-2
  language       TEXT    NOT NULL,            -- BCP 47
  customer_since_us INTEGER NOT NULL,
  blocked        INTEGER NOT NULL DEFAULT 0,  -- calls from a blocked customer are rejected
  notes          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX customers_by_sort_name ON customers (sort_name);

CREATE TABLE customer_addresses (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind         TEXT    NOT NULL CHECK (kind IN ('phone', 'email')),
  value        TEXT    NOT NULL,              -- E.164 phone or lowercase email
  label        TEXT    NOT NULL DEFAULT ''    -- mobile, home, work ...
);
CREATE INDEX customer_addresses_by_value ON customer_addresses (value, kind);
CREATE INDEX customer_addresses_by_customer ON customer_addresses (customer_id);

CREATE TABLE orders (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  number       TEXT    NOT NULL UNIQUE,
  ordered_us   INTEGER NOT NULL,
  status       TEXT    NOT NULL,              -- placed, shipped, delivered, returned, cancelled
  items_json   TEXT    NOT NULL,              -- [{"name":..,"qty":..,"unit_minor":..}]
  total_minor  INTEGER NOT NULL,
  currency     TEXT    NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_us DESC);

-- Site-wide settings that travel with the data (key/value), e.g. reporting_currency.
CREATE TABLE site_settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Rates that turn an order's currency into the site's reporting currency
-- (site_settings.reporting_currency; its own rate is 1.0).
CREATE TABLE exchange_rates (
  currency       TEXT PRIMARY KEY,
  to_reporting   REAL NOT NULL                -- reporting minor units per 1 minor unit
);

CREATE TABLE sla_policies (
  priority            TEXT PRIMARY KEY,       -- low, normal, high, urgent
  first_response_us   INTEGER NOT NULL,
  resolution_us       INTEGER NOT NULL,
  at_risk_fraction    REAL    NOT NULL DEFAULT 0.75  -- share of the budget after which it is "at risk"
);

CREATE TABLE dispositions (
  code         TEXT PRIMARY KEY,
  label        TEXT NOT NULL,
  sort_order   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE not_ready_reasons (
  code         TEXT PRIMARY KEY,
  label        TEXT NOT NULL,
  sort_order   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agents (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'trainer'))
);

-- Projections (folds of interaction_events) ------------------------------------------

CREATE TABLE interactions (
  id              TEXT PRIMARY KEY,
  customer_id     INTEGER,                    -- NULL until the contact is linked to a customer
  channel         TEXT    NOT NULL,           -- voice, email
  direction       TEXT    NOT NULL,           -- in, out
  address         TEXT    NOT NULL,           -- normalised caller / sender address
  display_name    TEXT    NOT NULL,
  subject         TEXT    NOT NULL,
  agent_id        TEXT    NOT NULL,
  status          TEXT    NOT NULL,           -- offered, ringing, connected, held, ended, wrapped
  outcome         TEXT    NOT NULL,           -- open, answered, missed, cancelled, declined
  offered_us      INTEGER NOT NULL,
  answered_us     INTEGER,
  ended_us        INTEGER,
  wrapped_us      INTEGER,
  wait_us         INTEGER,                    -- offered -> answered
  talk_us         INTEGER,                    -- answered -> ended
  acw_us          INTEGER,                    -- ended -> wrapped (after-contact work)
  disposition     TEXT    NOT NULL,
  note            TEXT    NOT NULL,
  satisfaction_expected  INTEGER,             -- a in C = b / a
  satisfaction_perceived INTEGER,             -- b in C = b / a
  last_event_us   INTEGER NOT NULL
);
CREATE INDEX interactions_by_customer ON interactions (customer_id, offered_us DESC);
CREATE INDEX interactions_by_offered ON interactions (offered_us);

CREATE TABLE complaints (
  id                 TEXT PRIMARY KEY,
  customer_id        INTEGER,
  interaction_id     TEXT    NOT NULL,        -- the contact in which it was opened
  category           TEXT    NOT NULL,
  priority           TEXT    NOT NULL,
  summary            TEXT    NOT NULL,
  status             TEXT    NOT NULL,        -- open, responded, resolved
  owner_agent_id     TEXT    NOT NULL,
  opened_us          INTEGER NOT NULL,
  first_response_us  INTEGER,
  resolved_us        INTEGER,
  response_due_us    INTEGER NOT NULL,
  resolution_due_us  INTEGER NOT NULL,
  last_event_us      INTEGER NOT NULL
);
CREATE INDEX complaints_by_customer ON complaints (customer_id, status);
CREATE INDEX complaints_by_status ON complaints (status, resolution_due_us);

CREATE TABLE agent_states (
  agent_id     TEXT PRIMARY KEY,
  state        TEXT    NOT NULL,              -- available, not_ready, on_contact, wrap_up, logged_out
  reason       TEXT    NOT NULL,
  since_us     INTEGER NOT NULL
);
