import { firstHandoffDay, handoffAt, onCallAt, type Rotation, shiftIndex } from '../oncall/rotation';

/** A change of a rotation's primary: who hands over to whom, when, and when the shift that ended began. */
export interface PrimaryChange {
  rotation: string;
  at: number;
  outgoing: string;
  incoming: string;
  since: number;
}

/** When the shift running at `at` began: the override's start, else the regular hand-off before it. */
function shiftStart(rotation: Rotation, at: number): number {
  const override = rotation.overrides.find((o) => o.from <= at && at < o.to);
  if (override) return override.from;
  const k = Math.max(0, shiftIndex(rotation, at));
  const regular = handoffAt(rotation, firstHandoffDay(rotation) + k * rotation.lengthDays);
  // After an override that ended during this shift, the shift began again at its end.
  const ended = rotation.overrides.filter((o) => o.to > regular && o.to <= at).map((o) => o.to);
  return Math.max(regular, ...ended);
}

/**
 * The changes of primary in (from, to]: the regular hand-offs and the starts and ends of overrides
 * at which the primary is someone else after than before (an override by the scheduled person
 * changes nothing). Pure, from the rotation alone, so every replica finds the same ones.
 */
export function primaryChanges(rotation: Rotation, from: number, to: number): PrimaryChange[] {
  const instants = new Set<number>();
  for (let at = onCallAt(rotation, from).next.at; at <= to; at = onCallAt(rotation, at).next.at) instants.add(at);
  for (const o of rotation.overrides) {
    if (o.from > from && o.from <= to) instants.add(o.from);
    if (o.to > from && o.to <= to) instants.add(o.to);
  }
  return [...instants]
    .sort((a, b) => a - b)
    .flatMap((at) => {
      const before = onCallAt(rotation, at - 1).primary;
      const after = onCallAt(rotation, at).primary;
      if (before === after) return [];
      return [{ rotation: rotation.name, at, outgoing: before, incoming: after, since: shiftStart(rotation, at - 1) }];
    });
}

/**
 * Whether the rotation, as configured now, still hands over to `incoming` at `at`: a hand-off is
 * recorded an hour early (for the notes), and a restart with an override added or removed may undo it.
 */
export function stillHandsOver(rotation: Rotation, change: { at: number; incoming: string }): boolean {
  return primaryChanges(rotation, change.at - 1, change.at).some((c) => c.incoming === change.incoming);
}
