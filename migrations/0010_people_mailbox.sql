ALTER TABLE `people` ADD `mailbox` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `people_mailbox` ON `people` (`mailbox`);