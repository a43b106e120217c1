CREATE TABLE `reach_settings` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`publication` text DEFAULT 'after-the-event' NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
