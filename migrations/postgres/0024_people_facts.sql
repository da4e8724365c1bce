-- What Slack said about a person (issue 32), kept so that a declaration naming someone seen
-- recently asks Slack nothing before its channel is made: their kind (person, bot, deactivated,
-- missing) and time zone, and when Slack said so. Refreshed by the user_change and team_join
-- events and by users.info once `facts_at` is old. `name` stays what requests labelled them.
ALTER TABLE people ADD COLUMN kind TEXT;
ALTER TABLE people ADD COLUMN tz TEXT;
ALTER TABLE people ADD COLUMN facts_at BIGINT;
