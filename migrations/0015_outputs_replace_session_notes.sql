CREATE TABLE `output_moderation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`output_id` integer NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`by_person_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`output_id`) REFERENCES `outputs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `output_settings` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`licence` text DEFAULT 'CC-BY-4.0' NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `outputs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`pitch_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`url` text,
	`owner` text DEFAULT '' NOT NULL,
	`licence` text DEFAULT 'CC-BY-4.0' NOT NULL,
	`author_id` integer,
	`credited` integer DEFAULT true NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pitch_id`) REFERENCES `pitches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `outputs_pitch` ON `outputs` (`pitch_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outputs_event_created` ON `outputs` (`event_id`,`created_at`);--> statement-breakpoint
-- Every link added to a session before outputs existed becomes a link output of that session,
-- by the same person, under the default licence (nothing else had been chosen then).
INSERT INTO outputs (event_id, pitch_id, kind, title, body, url, owner, licence, author_id, credited, created_at, updated_at)
SELECT p.event_id, n.pitch_id, 'link', n.title, '', n.url, '', 'CC-BY-4.0', n.added_by, 1, n.created_at, n.created_at
FROM session_notes n JOIN pitches p ON p.id = n.pitch_id;
--> statement-breakpoint
DROP TABLE `session_notes`;