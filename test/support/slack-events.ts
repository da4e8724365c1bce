import type { Harness } from './harness';

/** Someone joins or leaves a channel, and Slack tells the app over the harness's transport. */
export async function memberChanges(
  h: Harness,
  change: { channel: string; user: string; joined: boolean },
): Promise<void> {
  await h.user(change.user).membership(change.channel, change.joined);
}
