CREATE TABLE `organisation_names` (
	`key` text PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`organisation_id` integer,
	`source` text NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `organisation_names_organisation` ON `organisation_names` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `organisation_names_source` ON `organisation_names` (`source`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`code` text,
	`short_name` text DEFAULT '' NOT NULL,
	`gss_code` text DEFAULT '' NOT NULL,
	`nation` text DEFAULT '' NOT NULL,
	`region` text DEFAULT '' NOT NULL,
	`council_type` text DEFAULT '' NOT NULL,
	`county_code` text DEFAULT '' NOT NULL,
	`alt_names` text DEFAULT '[]' NOT NULL,
	`lat` real,
	`long` real,
	`gov_uk_slug` text DEFAULT '' NOT NULL,
	`start_date` text DEFAULT '' NOT NULL,
	`ended_at` integer,
	`parent_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_code_unique` ON `organisations` (`code`);--> statement-breakpoint
CREATE INDEX `organisations_kind` ON `organisations` (`kind`,`name`);--> statement-breakpoint
CREATE INDEX `organisations_parent` ON `organisations` (`parent_id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `organisation_key` text;--> statement-breakpoint
CREATE INDEX `registrations_organisation_key` ON `registrations` (`organisation_key`);