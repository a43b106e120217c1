DROP INDEX `registrations_type_status`;--> statement-breakpoint
CREATE INDEX `registrations_type_status` ON `registrations` (`ticket_type_id`,`status`,`queue_order`,`pool`);