-- The database itself refuses to hold more places (confirmed or offered) than a ticket type's
-- capacity, whatever the application does: the last line of defence against overselling.
CREATE TRIGGER `registrations_never_oversell_on_insert`
BEFORE INSERT ON `registrations`
WHEN NEW.`status` IN ('confirmed', 'offered')
BEGIN
  SELECT RAISE(ABORT, 'ticket type is full')
  WHERE (SELECT count(*) FROM `registrations` WHERE `ticket_type_id` = NEW.`ticket_type_id` AND `status` IN ('confirmed', 'offered'))
     >= (SELECT `capacity` FROM `ticket_types` WHERE `id` = NEW.`ticket_type_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_never_oversell_on_update`
BEFORE UPDATE OF `status`, `ticket_type_id` ON `registrations`
WHEN NEW.`status` IN ('confirmed', 'offered') AND (OLD.`status` NOT IN ('confirmed', 'offered') OR OLD.`ticket_type_id` <> NEW.`ticket_type_id`)
BEGIN
  SELECT RAISE(ABORT, 'ticket type is full')
  WHERE (SELECT count(*) FROM `registrations` WHERE `ticket_type_id` = NEW.`ticket_type_id` AND `status` IN ('confirmed', 'offered') AND `id` <> NEW.`id`)
     >= (SELECT `capacity` FROM `ticket_types` WHERE `id` = NEW.`ticket_type_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ticket_types_capacity_not_below_held`
BEFORE UPDATE OF `capacity` ON `ticket_types`
BEGIN
  SELECT RAISE(ABORT, 'capacity below places already held')
  WHERE NEW.`capacity` < (SELECT count(*) FROM `registrations` WHERE `ticket_type_id` = NEW.`id` AND `status` IN ('confirmed', 'offered'));
END;
