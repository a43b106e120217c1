CREATE TABLE `pitch_themes` (
	`pitch_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	PRIMARY KEY(`pitch_id`, `theme_id`),
	FOREIGN KEY (`pitch_id`) REFERENCES `pitches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `themes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pitch_themes_theme` ON `pitch_themes` (`theme_id`);--> statement-breakpoint
CREATE TABLE `themes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `themes_event_name` ON `themes` (`event_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `outputs_author` ON `outputs` (`author_id`,`event_id`);