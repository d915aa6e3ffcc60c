-- Frontline local store, schema 2: contacts arriving from the listeners.
-- interactions.external_id: the PBX's or SIP's call id ("cti:<callId>", "sip:<Call-ID>"),
-- so later events of the same call find their interaction.
-- email_messages: a projection of email_received events, one row per message, for
-- threading (In-Reply-To / References) and for showing a conversation.

ALTER TABLE interactions ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE INDEX interactions_by_external_id ON interactions (external_id) WHERE external_id <> '';

CREATE TABLE email_messages (
  message_id        TEXT PRIMARY KEY,         -- Message-ID without brackets (synthesised when absent)
  interaction_id    TEXT    NOT NULL,
  received_us       INTEGER NOT NULL,
  from_address      TEXT    NOT NULL,
  from_name         TEXT    NOT NULL,
  subject           TEXT    NOT NULL,
  body_text         TEXT    NOT NULL,
  attachments_json  TEXT    NOT NULL,         -- [{"name":..,"type":..,"size":..}]
  in_reply_to       TEXT    NOT NULL
);
CREATE INDEX email_messages_by_interaction ON email_messages (interaction_id, received_us);
