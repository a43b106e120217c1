CREATE TABLE `registration_access_needs` (
	`registration_id` integer PRIMARY KEY NOT NULL,
	`step_free` integer DEFAULT false NOT NULL,
	`hearing_loop` integer DEFAULT false NOT NULL,
	`quiet_room` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`registration_id`) REFERENCES `registration_needs`(`registration_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `registration_access_needs_step_free` ON `registration_access_needs` (`step_free`);