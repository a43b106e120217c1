-- Before a room and slot can hold only one session: pitches that left the board (merged,
-- withdrawn, hidden) kept their draft cells, invisible in the editor, so another session could be
-- placed on top. Free those cells, then, where two live sessions still share a cell, keep the
-- first placed and send the other back to the unscheduled list.
DELETE FROM `grid_placements`
WHERE `pitch_id` IN (SELECT `id` FROM `pitches` WHERE `status` <> 'open');
--> statement-breakpoint
DELETE FROM `grid_placements`
WHERE `id` NOT IN (SELECT min(`id`) FROM `grid_placements` GROUP BY `room_id`, `slot_id`);
