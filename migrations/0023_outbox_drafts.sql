ALTER TABLE `outbox` ADD `draft` text;--> statement-breakpoint
CREATE INDEX `outbox_drafts` ON `outbox` (`id`) WHERE "outbox"."draft" IS NOT NULL;