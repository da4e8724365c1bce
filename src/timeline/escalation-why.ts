import type { EntryData } from './timeline.types';

/**
 * Why an escalation happened, as the end of a sentence: " — level 2 (on-call manager), its time
 * came". Nothing for entries older than ladders. `read` shows a typed reason as readers saw it.
 */
export function escalationWhy(d: EntryData['escalated'], read: (typed: string) => string = (t) => t): string {
  const trigger =
    d.trigger === 'manual'
      ? `called in by hand${d.reason ? `: ${read(d.reason)}` : ''}`
      : d.trigger === 'missed_updates'
        ? `${d.missed} reminders unanswered`
        : d.trigger === 'time'
          ? 'its time came'
          : '';
  const level = d.step !== undefined ? `level ${d.step}${d.name ? ` (${d.name})` : ''}` : '';
  const parts = [level, trigger].filter(Boolean);
  return parts.length ? ` — ${parts.join(', ')}` : '';
}
