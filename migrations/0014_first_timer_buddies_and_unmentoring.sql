CREATE TABLE `buddy_choices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`share_email` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buddy_choices_event_person` ON `buddy_choices` (`event_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `buddy_pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`first_timer_id` integer NOT NULL,
	`buddy_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`first_timer_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`buddy_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `buddy_pairs_event_first_timer` ON `buddy_pairs` (`event_id`,`first_timer_id`);--> statement-breakpoint
CREATE INDEX `buddy_pairs_buddy` ON `buddy_pairs` (`buddy_id`);--> statement-breakpoint
CREATE TABLE `unmentoring_meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`group_number` integer NOT NULL,
	`person_id` integer NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `unmentoring_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unmentoring_meetings_round_group` ON `unmentoring_meetings` (`round_id`,`group_number`);--> statement-breakpoint
CREATE INDEX `unmentoring_meetings_person` ON `unmentoring_meetings` (`person_id`);--> statement-breakpoint
CREATE TABLE `unmentoring_members` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`topics` text DEFAULT '' NOT NULL,
	`skip_next_round` integer DEFAULT false NOT NULL,
	`joined_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `unmentoring_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` integer,
	FOREIGN KEY (`started_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `events` ADD `buddies_paired_days_before` integer DEFAULT 7 NOT NULL;