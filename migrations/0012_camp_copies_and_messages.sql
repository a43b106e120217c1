CREATE TABLE `announcement_opt_outs` (
	`mailbox` text PRIMARY KEY NOT NULL,
	`stopped_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `event_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`groups` text NOT NULL,
	`sent_by` integer,
	`sent_by_name` text NOT NULL,
	`recipients` integer NOT NULL,
	`left_out` integer DEFAULT 0 NOT NULL,
	`send_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sent_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_messages_event` ON `event_messages` (`event_id`,`sent_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_messages_send_key` ON `event_messages` (`event_id`,`send_key`);--> statement-breakpoint
ALTER TABLE `events` ADD `copied_from_id` integer REFERENCES events(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `outbox` ADD `list_unsubscribe` text;