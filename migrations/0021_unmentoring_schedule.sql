CREATE TABLE `unmentoring_schedule` (
	`id` integer PRIMARY KEY NOT NULL,
	`day_of_month` integer
);
