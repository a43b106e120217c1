CREATE TABLE `output_digest_opt_outs` (
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`stopped_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `person_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `output_digests_sent` (
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`outbox_id` integer,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `person_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `output_settings` ADD `digest_days_after` integer DEFAULT 7 NOT NULL;--> statement-breakpoint
CREATE INDEX `outputs_event_newest` ON `outputs` (`event_id`,`id`,`hidden_at`);