import type { Component } from '../../statuspage/components';
import { CALLBACK, FIELD } from './ids';
import { context, dateTimeInput, type ModalView, modal, multiSelectInput, option, textInput } from './kit';

export const MAINTENANCE_TITLE_MAX = 120;
export const MAINTENANCE_MESSAGE_MAX = 2_000;

const HOUR = 3_600_000;

/** What the maintenance form carries: the zone it was shown in, for the times in its errors. */
export interface MaintenanceMetadata {
  tz: string;
}

/**
 * `/incident maintenance`: a window on the public page. Slack's date-and-time pickers show and
 * take times in the reader's own zone (named in the form); they start at the next full hour, for an hour.
 */
export function maintenanceModal(o: { components: Component[]; tz: string; now: number }): ModalView {
  const start = o.now - (o.now % HOUR) + HOUR;
  return modal({
    callbackId: CALLBACK.maintenance,
    title: 'Schedule maintenance',
    submit: 'Schedule',
    metadata: { tz: o.tz } satisfies MaintenanceMetadata,
    blocks: [
      context(
        `Shown on the status page as upcoming at once; its components are _under maintenance_ from the start to the end. Times in your time zone (${o.tz}).`,
      ),
      textInput(FIELD.title, {
        label: 'Title',
        maxLength: MAINTENANCE_TITLE_MAX,
        placeholder: 'Database upgrade',
        hint: 'Customers see it on the status page.',
      }),
      multiSelectInput(
        FIELD.components,
        o.components.slice(0, 100).map((c) => option(c.group ? `${c.name} (${c.group})` : c.name, c.id)),
        { label: 'Components', placeholder: 'The public components it affects' },
      ),
      dateTimeInput(FIELD.startsAt, { label: 'Starts', initial: start }),
      dateTimeInput(FIELD.endsAt, { label: 'Ends', initial: start + HOUR }),
      textInput(FIELD.message, {
        label: 'Message',
        multiline: true,
        optional: true,
        maxLength: MAINTENANCE_MESSAGE_MAX,
        hint: 'What customers see: what is done and what they may notice.',
      }),
    ],
  });
}
