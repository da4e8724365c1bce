import type { Incident } from '../../incidents/incident.types';
import { KEY_TIME_LABELS, KEY_TIMES, type KeyTime, type KeyTimeValues } from '../../incidents/key-times';
import { formatZoned } from '../text/form-times';
import { CALLBACK } from './ids';
import { incidentRef } from './incident-format';
import { context, type ModalView, modal, textInput } from './kit';

/** What the key-times form carries: which incident, and the zone its times are written in. */
export interface KeyTimesMetadata {
  incidentId: number;
  channelId: string | null;
  tz: string;
}

export const keyTimeField = (key: KeyTime) => `key_time_${key}`;

const HINTS: Record<KeyTime, string> = {
  impactStarted: 'When users were first affected, which may be before anyone noticed.',
  detected: 'When an alert fired or someone noticed.',
  acknowledged: 'When someone took the incident on.',
  mitigated: 'When a fix or workaround was in place.',
  resolved: 'When the incident was over.',
};

/** The key times as the reader reads them, in their own zone, each one correctable. */
export function keyTimesModal(incident: Incident, times: KeyTimeValues, tz: string): ModalView {
  return modal({
    callbackId: CALLBACK.keyTimes,
    title: `Key times #${incident.id}`,
    submit: 'Save',
    metadata: { incidentId: incident.id, channelId: incident.channelId, tz } satisfies KeyTimesMetadata,
    blocks: [
      context(`Key times of ${incidentRef(incident)}, in your time zone (${tz}), as YYYY-MM-DD HH:MM[:SS].`),
      ...KEY_TIMES.map((key) =>
        textInput(keyTimeField(key), {
          label: KEY_TIME_LABELS[key],
          optional: times[key] === null,
          hint: HINTS[key],
          maxLength: 19,
          ...(times[key] === null ? { placeholder: 'Not yet' } : { initial: formatZoned(times[key] as number, tz) }),
        }),
      ),
    ],
  });
}
