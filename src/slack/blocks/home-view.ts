import type { types } from '@slack/bolt';
import type { Policy } from '../../config/policy';
import { formatDuration } from '../../config/duration';
import type { HomeOverview } from '../../incidents/overview.types';
import type { IncidentStats } from '../../incidents/stats';
import { postmortemsOverdueBlock, yourFollowupsBlock } from './follow-through-lines';
import { ACTION } from './ids';
import { incidentBlocks } from './incident-line';
import { severityLabel } from './incident-format';
import { actions, type Block, button, context, divider, fields, header, section } from './kit';

export type HomeView = types.HomeView;

/** Slack takes 100 blocks in a Home tab. */
export const HOME_MAX_BLOCKS = 100;
/** Heading, button, two section titles, two dividers and the stats (title, fields, context). */
const FIXED_BLOCKS = 9;

export function statsBlocks(stats: IncidentStats, policy: Policy): Block[] {
  const perSeverity = stats.perSeverity.map((s) => `*${severityLabel(policy, s.severity)}*\n${s.count}`);
  const median =
    stats.medianTimeToResolveMs === null ? 'nothing resolved yet' : formatDuration(stats.medianTimeToResolveMs);
  return [
    section(`*Last 30 days:* ${stats.declared} declared, ${stats.resolved} resolved`),
    // A section holds 10 fields; the policy allows 10 severities, so the median goes below.
    fields(...perSeverity),
    context(`Median time to resolve: *${median}*`),
  ];
}

/** The App Home: the viewer's incidents first, then the rest, a Declare button and recent stats. */
export function homeView(overview: HomeOverview, policy: Policy): HomeView {
  // Follow-ups and overdue postmortems take one section each, and a divider, when there are any.
  const extra: Block[] = [
    ...(overview.followups.length > 0 ? [yourFollowupsBlock(overview.followups, policy, overview.now)] : []),
    ...(overview.postmortemsOverdue.length > 0 ? [postmortemsOverdueBlock(overview.postmortemsOverdue, policy)] : []),
  ];
  if (extra.length > 0) extra.push(divider());
  const budget = HOME_MAX_BLOCKS - FIXED_BLOCKS - extra.length;
  const more = (n: number) => `…and ${n} more. \`/incident list\` shows them all.`;
  // The viewer's own come first but leave the others at least half the room; an empty list
  // still takes one block for its "None" line.
  const half = Math.floor(budget / 2);
  const mine = incidentBlocks(
    overview.mine,
    policy,
    overview.now,
    budget - Math.min(Math.max(overview.others.length, 1), half),
    more,
  );
  const others = incidentBlocks(overview.others, policy, overview.now, budget - Math.max(mine.length, 1), more);
  const none = (text: string) => [context(text)];
  const blocks: Block[] = [
    header('Incidents'),
    actions('home_actions', button('Declare incident', ACTION.homeDeclare, 'declare', 'primary')),
    section('*Your open incidents*'),
    ...(mine.length > 0 ? mine : none('None: you are not declarer, commander or role holder of an open incident.')),
    divider(),
    section('*Other open incidents*'),
    ...(others.length > 0 ? others : none('None.')),
    divider(),
    ...extra,
    ...statsBlocks(overview.stats, policy),
  ];
  return { type: 'home', blocks };
}
