-- Escalation in levels: with an on-call rotation a streak of unanswered reminders first calls in
-- the on-call secondary (1), then the severity's escalateTo contacts (2). Without a rotation only
-- level 2 is used, so streaks escalated before this migration are at level 2.

ALTER TABLE reminders ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
UPDATE reminders SET escalation_level = 2 WHERE escalated_at IS NOT NULL;
