-- Frontline local store, schema 5: what an agent needs on a fresh store, and what the
-- desk reads when it starts after a crash.

-- Code tables with sensible defaults, so that a new store can take a break, finish a
-- wrap-up and open a complaint with an SLA. Editable: the central store's reference data
-- (or an administrator) overwrites and extends them; rows already present are kept.
INSERT OR IGNORE INTO not_ready_reasons (code, label, sort_order) VALUES
  ('break', 'Break', 1),
  ('lunch', 'Lunch', 2),
  ('training', 'Training', 3),
  ('meeting', 'Meeting', 4),
  ('coaching', 'Coaching', 5);
INSERT OR IGNORE INTO dispositions (code, label, sort_order) VALUES
  ('resolved', 'Resolved', 1),
  ('info_given', 'Information given', 2),
  ('order_changed', 'Order changed', 3),
  ('callback', 'Call back arranged', 4),
  ('escalated', 'Escalated', 5),
  ('sale', 'Sale', 6),
  ('complaint_logged', 'Complaint logged', 7);
-- Times in microseconds: urgent 1 h / 8 h, high 4 h / 24 h, normal 24 h / 72 h, low 72 h / 168 h.
INSERT OR IGNORE INTO sla_policies (priority, first_response_us, resolution_us) VALUES
  ('urgent', 3600000000, 28800000000),
  ('high', 14400000000, 86400000000),
  ('normal', 86400000000, 259200000000),
  ('low', 259200000000, 604800000000);

-- Contacts a crash may have left half-done (a call still ringing or connected, an email
-- taken but not answered, a contact ended but not wrapped up): read once on every start.
CREATE INDEX interactions_in_progress ON interactions (status) WHERE status IN ('connected', 'held');
CREATE INDEX interactions_not_wrapped ON interactions (channel) WHERE status = 'ended' AND outcome = 'answered';

-- The agent's "Missed and callbacks" panel: calls that reached nobody, newest first.
CREATE INDEX interactions_unanswered_calls ON interactions (offered_us)
  WHERE channel = 'voice' AND outcome IN ('missed', 'declined', 'cancelled');

-- Customer search by any word of the name (given name, surname, the Latin transcription)
-- or the start of the name as written (Chinese). An external-content FTS5 index kept by
-- triggers, so imports, the central pull and new customers all keep it current.
CREATE VIRTUAL TABLE customer_names USING fts5(
  display_name, sort_name, content = 'customers', content_rowid = 'id',
  tokenize = "unicode61 remove_diacritics 2");
INSERT INTO customer_names (customer_names) VALUES ('rebuild');
CREATE TRIGGER customer_names_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_names (rowid, display_name, sort_name) VALUES (new.id, new.display_name, new.sort_name);
END;
CREATE TRIGGER customer_names_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_names (customer_names, rowid, display_name, sort_name)
    VALUES ('delete', old.id, old.display_name, old.sort_name);
END;
CREATE TRIGGER customer_names_update AFTER UPDATE OF display_name, sort_name ON customers BEGIN
  INSERT INTO customer_names (customer_names, rowid, display_name, sort_name)
    VALUES ('delete', old.id, old.display_name, old.sort_name);
  INSERT INTO customer_names (rowid, display_name, sort_name) VALUES (new.id, new.display_name, new.sort_name);
END;
