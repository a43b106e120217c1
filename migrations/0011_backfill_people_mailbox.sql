-- Everyone already known gets their mailbox (see src/people/mailbox.ts): the address without
-- a +tag, and for Gmail (also reached as googlemail.com) without dots.
UPDATE people SET mailbox = email WHERE instr(email, '@') <= 1;
--> statement-breakpoint
UPDATE people SET mailbox = (
  SELECT CASE WHEN domain = 'gmail.com' THEN replace(local, '.', '') ELSE local END || '@' || domain
  FROM (
    SELECT
      CASE WHEN instr(whole, '+') > 1 THEN substr(whole, 1, instr(whole, '+') - 1) ELSE whole END AS local,
      CASE WHEN host = 'googlemail.com' THEN 'gmail.com' ELSE host END AS domain
    FROM (SELECT substr(people.email, 1, instr(people.email, '@') - 1) AS whole, substr(people.email, instr(people.email, '@') + 1) AS host)
  )
) WHERE instr(email, '@') > 1;
