CREATE TABLE `interest` (
	`pitch_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`pitch_id`, `person_id`),
	FOREIGN KEY (`pitch_id`) REFERENCES `pitches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `interest_person` ON `interest` (`person_id`);--> statement-breakpoint
CREATE TABLE `pitch_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pitch_id` integer NOT NULL,
	`proposed_by` integer,
	`proposed` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pitch_id`) REFERENCES `pitches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pitch_changes_pitch` ON `pitch_changes` (`pitch_id`);--> statement-breakpoint
CREATE TABLE `pitch_facilitators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pitch_id` integer NOT NULL,
	`person_id` integer,
	`walk_in_name` text,
	`confirmed` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`pitch_id`) REFERENCES `pitches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pitch_facilitators_pitch_person` ON `pitch_facilitators` (`pitch_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `pitch_facilitators_person` ON `pitch_facilitators` (`person_id`);--> statement-breakpoint
CREATE TABLE `pitch_settings` (
	`event_id` integer PRIMARY KEY NOT NULL,
	`interest_opens_at` integer,
	`interest_closes_at` integer,
	`counts` text DEFAULT 'while-open' NOT NULL,
	`changes_need_approval` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `pitches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`format` text NOT NULL,
	`needs` text DEFAULT '[]' NOT NULL,
	`double_length` integer DEFAULT false NOT NULL,
	`preferred_day_id` integer,
	`pinned_day_id` integer,
	`unavailable_slot_ids` text DEFAULT '[]' NOT NULL,
	`needs_bigger_room` integer DEFAULT false NOT NULL,
	`show_of_hands` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`hidden_reason` text,
	`merged_into_id` integer,
	`source` text NOT NULL,
	`created_by` integer,
	`submission_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`preferred_day_id`) REFERENCES `days`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`pinned_day_id`) REFERENCES `days`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pitches_event_status` ON `pitches` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `pitches_created_by` ON `pitches` (`created_by`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `pitches_submission_key` ON `pitches` (`created_by`,`submission_key`);