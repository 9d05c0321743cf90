-- An instalment keeps the dates its schedule gave it at signature, and the
-- calendar months resumptions have moved it by since: each resumption
-- moves it from those dates by all the months so far, with the schedule's
-- month-end rule. Moved from its last date instead, a date clamped once
-- lost its day for good (due on 31 January, moved to 28 February, then to
-- 28 March instead of 31 March).
ALTER TABLE instalments ADD COLUMN scheduled_due_on TEXT COLLATE "C";
ALTER TABLE instalments ADD COLUMN scheduled_covers_from TEXT COLLATE "C";
ALTER TABLE instalments ADD COLUMN scheduled_covers_to TEXT COLLATE "C";
ALTER TABLE instalments ADD COLUMN months_moved INTEGER NOT NULL DEFAULT 0 CHECK (months_moved >= 0);

-- Instalments written before these columns: their dates now are the best
-- that is known (one a resumption moved already keeps the day it has).
UPDATE instalments SET scheduled_due_on = due_on, scheduled_covers_from = covers_from,
                       scheduled_covers_to = covers_to;
ALTER TABLE instalments ALTER COLUMN scheduled_due_on SET NOT NULL;
ALTER TABLE instalments ALTER COLUMN scheduled_covers_from SET NOT NULL;
ALTER TABLE instalments ALTER COLUMN scheduled_covers_to SET NOT NULL;
