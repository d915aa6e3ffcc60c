-- Frontline local store, schema 3: what the agent console records besides contacts.
-- email_messages.direction: 'in' for a customer's message, 'out' for the agent's reply
-- (an email_sent event), so a conversation shows both sides in order.
-- complaint_categories: the codes an agent chooses from when opening a complaint.

ALTER TABLE email_messages ADD COLUMN direction TEXT NOT NULL DEFAULT 'in';

CREATE TABLE complaint_categories (
  code         TEXT PRIMARY KEY,
  label        TEXT NOT NULL,
  sort_order   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO complaint_categories (code, label, sort_order) VALUES
  ('delivery', 'Delivery', 1),
  ('billing', 'Billing', 2),
  ('product_fault', 'Product fault', 3),
  ('service', 'Service', 4),
  ('returns', 'Returns', 5),
  ('website', 'Website', 6);

-- Open email contacts are listed by the queue on every start.
CREATE INDEX interactions_by_status ON interactions (status, channel) WHERE status IN ('offered', 'ringing');

-- Customer search for an unknown caller: name prefixes in any case, and names as written
-- (Chinese names have no Latin case).
CREATE INDEX customers_by_sort_name_nocase ON customers (sort_name COLLATE NOCASE);
CREATE INDEX customers_by_display_name ON customers (display_name);
