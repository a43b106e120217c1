-- Every link added to a session before outputs existed becomes a link output of that session,
-- by the same person, under the default licence (nothing else had been chosen then).
INSERT INTO outputs (event_id, pitch_id, kind, title, body, url, owner, licence, author_id, credited, created_at, updated_at)
SELECT p.event_id, n.pitch_id, 'link', n.title, '', n.url, '', 'CC-BY-4.0', n.added_by, 1, n.created_at, n.created_at
FROM session_notes n JOIN pitches p ON p.id = n.pitch_id;
