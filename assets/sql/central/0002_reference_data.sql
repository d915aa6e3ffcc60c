-- Frontline central store, schema 2: the reference data every console pulls (customers,
-- their addresses, orders, SLA policies and codes), kept centrally and changed only by
-- imports and administrators. `revision` orders the changes for the pull cursor.

CREATE TABLE customers (
  id                 BIGINT PRIMARY KEY,
  display_name       TEXT   NOT NULL,
  sort_name          TEXT   NOT NULL,
  country            TEXT   NOT NULL,
  language           TEXT   NOT NULL,
  customer_since_us  BIGINT NOT NULL,
  blocked            BIGINT NOT NULL DEFAULT 0,
  notes              TEXT   NOT NULL DEFAULT '',
  revision           BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX customers_by_revision ON customers (revision, id);

CREATE TABLE customer_addresses (
  id           BIGINT PRIMARY KEY,
  customer_id  BIGINT NOT NULL,
  kind         TEXT   NOT NULL,
  value        TEXT   NOT NULL,
  label        TEXT   NOT NULL DEFAULT '',
  revision     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX customer_addresses_by_value ON customer_addresses (value, kind);
CREATE INDEX customer_addresses_by_revision ON customer_addresses (revision, id);

CREATE TABLE orders (
  id           BIGINT PRIMARY KEY,
  customer_id  BIGINT NOT NULL,
  number       TEXT   NOT NULL UNIQUE,
  ordered_us   BIGINT NOT NULL,
  status       TEXT   NOT NULL,
  items_json   TEXT   NOT NULL,
  total_minor  BIGINT NOT NULL,
  currency     TEXT   NOT NULL,
  revision     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX orders_by_revision ON orders (revision, id);

CREATE TABLE sla_policies (
  priority           TEXT PRIMARY KEY,
  first_response_us  BIGINT NOT NULL,
  resolution_us      BIGINT NOT NULL,
  at_risk_fraction   DOUBLE PRECISION NOT NULL DEFAULT 0.75,
  revision           BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE dispositions (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  sort_order  BIGINT NOT NULL DEFAULT 0,
  revision    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE not_ready_reasons (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  sort_order  BIGINT NOT NULL DEFAULT 0,
  revision    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE complaint_categories (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  sort_order  BIGINT NOT NULL DEFAULT 0,
  revision    BIGINT NOT NULL DEFAULT 0
);
