-- Frontline central store, schema 5: where a transferred call went (as local schema 11).
ALTER TABLE interactions ADD COLUMN transfer_to TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN transfer_state TEXT NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN transfer_error TEXT NOT NULL DEFAULT '';
