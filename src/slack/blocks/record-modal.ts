import type { Policy } from '../../config/policy';
import { formatZoned, minuteOf } from '../text/form-times';
import { CALLBACK, CHANNEL_OPTION, FIELD } from './ids';
import { checkboxInput, context, type ModalView, modal, option, selectInput, textInput } from './kit';
import { TITLE_MAX } from './declare-modal';
import { typeInput } from './type-input';

/** What the record form carries: the zone its times are written in. */
export interface RecordMetadata {
  tz: string;
}

/** `/incident record`: an incident that already ended, its times written in the reader's zone. */
export function recordModal(policy: Policy, o: { title: string; tz: string; now: number }): ModalView {
  const example = formatZoned(minuteOf(o.now), o.tz);
  return modal({
    callbackId: CALLBACK.record,
    title: 'Record a past incident',
    submit: 'Record',
    metadata: { tz: o.tz } satisfies RecordMetadata,
    blocks: [
      context(
        `For an incident that already ended: it gets a number, its key times and a postmortem, and nobody is reminded or paged. Times in your time zone (${o.tz}), as YYYY-MM-DD HH:MM.`,
      ),
      textInput(FIELD.title, { label: 'Title', initial: o.title, maxLength: TITLE_MAX }),
      selectInput(
        FIELD.severity,
        policy.severities.map((s) => option(`${s.id} · ${s.name}`, s.id, s.description)),
        { label: 'Severity' },
      ),
      ...typeInput(policy),
      textInput(FIELD.startedAt, {
        label: 'Started',
        hint: 'When users were first affected.',
        maxLength: 19,
        placeholder: example,
      }),
      textInput(FIELD.endedAt, {
        label: 'Ended',
        hint: 'When the incident was over.',
        maxLength: 19,
        placeholder: example,
      }),
      textInput(FIELD.summary, { label: 'Summary', multiline: true, placeholder: 'What happened and how it ended' }),
      checkboxInput(
        FIELD.createChannel,
        [option('Create a channel for it', CHANNEL_OPTION, 'For the postmortem; not announced')],
        {
          label: 'Channel',
        },
      ),
    ],
  });
}
