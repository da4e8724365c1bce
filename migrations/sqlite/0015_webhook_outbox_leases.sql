-- The webhook outbox is timed work like the rest (issue 24): a delivery attempt is leased (owner,
-- until) by the replica making it, and settled only by the holder of the lease, instead of claimed
-- by moving `next_at` past the attempt with no owner named. From here on `next_at` is only when the
-- next attempt is due, and `attempts` counts the attempts settled (plus one taken over unsettled).
ALTER TABLE webhook_outbox ADD COLUMN lease_until INTEGER;
ALTER TABLE webhook_outbox ADD COLUMN lease_owner TEXT;
