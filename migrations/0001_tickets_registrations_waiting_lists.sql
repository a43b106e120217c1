CREATE TABLE `registration_needs` (
	`registration_id` integer PRIMARY KEY NOT NULL,
	`access_needs` text DEFAULT '' NOT NULL,
	`dietary_needs` text DEFAULT '' NOT NULL,
	`delete_after` integer NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_type_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`status` text NOT NULL,
	`pool` text,
	`name` text NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`role` text NOT NULL,
	`first_camp` integer DEFAULT false NOT NULL,
	`no_photos` integer DEFAULT false NOT NULL,
	`show_on_attendee_list` integer DEFAULT false NOT NULL,
	`agreed_to_code_of_conduct_at` integer NOT NULL,
	`queue_order` real NOT NULL,
	`offer_expires_at` integer,
	`cancelled_reason` text,
	`manage_key` text NOT NULL,
	`invitation_sequence` integer DEFAULT 0 NOT NULL,
	`reconfirm_asked_at` integer,
	`reconfirmed_at` integer,
	`checked_in_at` integer,
	`imported_from` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ticket_type_id`) REFERENCES `ticket_types`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_manage_key_unique` ON `registrations` (`manage_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_type_person` ON `registrations` (`ticket_type_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `registrations_type_status` ON `registrations` (`ticket_type_id`,`status`,`queue_order`);--> statement-breakpoint
CREATE INDEX `registrations_person` ON `registrations` (`person_id`);--> statement-breakpoint
CREATE TABLE `release_waves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_type_id` integer NOT NULL,
	`releases_at` integer NOT NULL,
	`places` integer NOT NULL,
	FOREIGN KEY (`ticket_type_id`) REFERENCES `ticket_types`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `release_waves_type` ON `release_waves` (`ticket_type_id`,`releases_at`);--> statement-breakpoint
CREATE TABLE `ticket_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`day_ids` text DEFAULT '[]' NOT NULL,
	`capacity` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`visibility` text DEFAULT 'public' NOT NULL,
	`access_code` text,
	`allocation` text DEFAULT 'first-come' NOT NULL,
	`draw_at` integer,
	`draw_seed` text,
	`drawn_at` integer,
	`draw_summary` text,
	`per_organisation_cap` integer,
	`reserved_for_first_timers` integer DEFAULT 0 NOT NULL,
	`reserved_for_councillors` integer DEFAULT 0 NOT NULL,
	`reserved_until` integer,
	`offer_hours` integer DEFAULT 48 NOT NULL,
	`last_minute_offer_hours` integer DEFAULT 4 NOT NULL,
	`display_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ticket_types_event` ON `ticket_types` (`event_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `reconfirm_days_before` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `needs_kept_for_days` integer DEFAULT 30 NOT NULL;