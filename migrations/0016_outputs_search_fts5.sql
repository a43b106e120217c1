-- Full-text search over outputs' titles, notes and actions (and an action's owner), kept in
-- step with the outputs table by triggers, so no code path can forget to index.
CREATE VIRTUAL TABLE outputs_search USING fts5(title, body, owner, content='outputs', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER outputs_search_insert AFTER INSERT ON outputs BEGIN
  INSERT INTO outputs_search (rowid, title, body, owner) VALUES (new.id, new.title, new.body, new.owner);
END;
--> statement-breakpoint
CREATE TRIGGER outputs_search_delete AFTER DELETE ON outputs BEGIN
  INSERT INTO outputs_search (outputs_search, rowid, title, body, owner) VALUES ('delete', old.id, old.title, old.body, old.owner);
END;
--> statement-breakpoint
CREATE TRIGGER outputs_search_update AFTER UPDATE OF title, body, owner ON outputs BEGIN
  INSERT INTO outputs_search (outputs_search, rowid, title, body, owner) VALUES ('delete', old.id, old.title, old.body, old.owner);
  INSERT INTO outputs_search (rowid, title, body, owner) VALUES (new.id, new.title, new.body, new.owner);
END;
--> statement-breakpoint
INSERT INTO outputs_search (outputs_search) VALUES ('rebuild');
