import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Starts the first of a flow's Slack calls on its longest chain (the kick-off, which the pin then
 * waits for; the postmortem draft's three-call upload), and the calls a round trip shorter one
 * turn of the event loop later. Started together, requests reach the socket in the order their
 * preparation ends: the shorter ones would go first and the chain that decides when the flow is
 * done would start a few milliseconds late, then wait behind their answers too.
 */
export async function longestFirst(first: () => Promise<unknown>, rest: Array<() => Promise<unknown>>): Promise<void> {
  const started = first();
  // Seen by Promise.all below; until then its failure is not an unhandled rejection.
  void started.catch(() => undefined);
  await nextTurn();
  await Promise.all([started, ...rest.map((part) => part())]);
}
