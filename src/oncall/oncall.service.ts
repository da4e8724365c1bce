import type { Clock } from '../clock';
import { type Rotation, type RotationNow, onCallAt } from './rotation';

export type OnCallService = ReturnType<typeof createOnCallService>;

/** Who is on call, from the configured rotations. The first rotation is the incidents' rotation. */
export function createOnCallService({ rotations, clock }: { rotations: readonly Rotation[]; clock: Clock }) {
  const at = (rotation: Rotation, time: number): RotationNow => ({
    name: rotation.name,
    timezone: rotation.timezone,
    ...onCallAt(rotation, time),
  });

  /** The incidents' rotation at `time`; null when no rotation is configured. */
  function forIncidents(time: number = clock.now()): RotationNow | null {
    const rotation = rotations[0];
    return rotation ? at(rotation, time) : null;
  }

  return {
    forIncidents,
    /** The named rotation (any case) at `time`; null when there is none by that name. */
    rotationAt(name: string, time: number = clock.now()): RotationNow | null {
      const rotation = rotations.find((r) => r.name.toLowerCase() === name.toLowerCase());
      return rotation ? at(rotation, time) : null;
    },
    /** Every rotation as it stands now, in configured order. */
    all(): RotationNow[] {
      const now = clock.now();
      return rotations.map((r) => at(r, now));
    },
    /** Whom the declare form pre-selects as commander: the incidents' primary now, else the declarer. */
    commanderFor(declarerId: string): { userId: string; rotation: string | null } {
      const now = forIncidents();
      return now ? { userId: now.primary, rotation: now.name } : { userId: declarerId, rotation: null };
    },
  };
}
