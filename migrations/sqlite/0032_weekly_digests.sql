-- The weekly digest (issue 30): one row per week's digest, keyed by when it is posted, inserted
-- once whoever finds it first, so it goes out once across restarts and replicas. `due_at` is NULL
-- once it was posted (or given up, when more than a day late); leased like other timed work.
CREATE TABLE weekly_digests (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL UNIQUE,
  due_at      INTEGER,
  posted_at   INTEGER,
  lease_until INTEGER,
  lease_owner TEXT
);
CREATE INDEX weekly_digests_due ON weekly_digests (due_at);
