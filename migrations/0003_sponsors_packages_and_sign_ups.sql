CREATE TABLE `sponsor_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sponsor_id` integer NOT NULL,
	`action` text NOT NULL,
	`by_person_id` integer,
	`by_name` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`sponsor_id`) REFERENCES `sponsors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sponsor_history_sponsor` ON `sponsor_history` (`sponsor_id`,`at`);--> statement-breakpoint
CREATE TABLE `sponsor_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sponsor_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sponsor_id`) REFERENCES `sponsors`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sponsor_links_token_hash_unique` ON `sponsor_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sponsor_links_sponsor` ON `sponsor_links` (`sponsor_id`);--> statement-breakpoint
CREATE TABLE `sponsor_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`name` text NOT NULL,
	`benefits` text DEFAULT '[]' NOT NULL,
	`price_pence` integer NOT NULL,
	`available` integer,
	`units_held` integer DEFAULT 0 NOT NULL,
	`sign_up_deadline` text,
	`display_order` integer DEFAULT 0 NOT NULL,
	`logo_size` text DEFAULT 'medium' NOT NULL,
	`funds` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sponsor_packages_units_held" CHECK("sponsor_packages"."units_held" >= 0 AND ("sponsor_packages"."available" IS NULL OR "sponsor_packages"."units_held" <= "sponsor_packages"."available")),
	CONSTRAINT "sponsor_packages_price" CHECK("sponsor_packages"."price_pence" >= 0)
);
--> statement-breakpoint
CREATE INDEX `sponsor_packages_event` ON `sponsor_packages` (`event_id`,`display_order`);--> statement-breakpoint
CREATE TABLE `sponsors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`package_id` integer NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`agreed_package_name` text NOT NULL,
	`agreed_price_pence` integer NOT NULL,
	`agreed_benefits` text NOT NULL,
	`organisation_name` text NOT NULL,
	`website` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_email` text NOT NULL,
	`contact_phone` text NOT NULL,
	`invoice_address` text NOT NULL,
	`purchase_order` text DEFAULT '' NOT NULL,
	`vat_number` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`logo` text,
	`logo_width` integer,
	`logo_height` integer,
	`agreed_to_terms_at` integer NOT NULL,
	`invoice_status` text DEFAULT 'not-invoiced' NOT NULL,
	`invoice_reference` text DEFAULT '' NOT NULL,
	`invoiced_on` text,
	`paid_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `sponsor_packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sponsors_event_status` ON `sponsors` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `sponsors_contact_email` ON `sponsors` (`contact_email`);--> statement-breakpoint
CREATE INDEX `sponsors_package` ON `sponsors` (`package_id`);