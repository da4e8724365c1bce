import { alertSourceOf } from '../../incidents/actors';
import { escapeMrkdwn } from './text';

/** "by @alice", or for an incident an alert declared, "from an alert by prod-alertmanager". */
export function declaredByText(declaredBy: string): string {
  const source = alertSourceOf(declaredBy);
  return source === null ? `by <@${declaredBy}>` : `from an alert by *${escapeMrkdwn(source)}*`;
}
