-- The web console's sign-ins (issue 28). `web_sessions`: one row per signed-in browser, keyed by the
-- SHA-256 of the cookie's random id (the table alone signs no one in), with the token its sign-out
-- form must carry. `web_sign_ins`: a sign-in under way between /login and Slack's redirect back, by
-- its `state`, with the nonce the id_token must repeat and where to go after; used once.
CREATE TABLE web_sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);
CREATE TABLE web_sign_ins (
  state      TEXT PRIMARY KEY,
  nonce      TEXT NOT NULL,
  next_path  TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX web_sign_ins_expiry ON web_sign_ins (expires_at);
