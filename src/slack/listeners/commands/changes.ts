import { IncidentError, type StepProblem } from '../../../incidents/incidents.errors';
import { findRole } from '../../../config/policy';
import { escapeMrkdwn, fromSlackText } from '../../blocks/text';
import { problemLines } from '../../text/error-sentences';
import { checkedIncident, type Subcommand, type SubcommandContext } from './subcommand';
import { splitOwner } from './timeline';

/** What the person who asked is told once the change is made; the channel sees the change itself. */
function outcome(problems: StepProblem[], done: string): string {
  return [done, ...problemLines(problems)].join('\n');
}

/** These change the incident, so they check permission and work after the acknowledgement. */
function changeCommand(ctx: SubcommandContext, work: (incidentId: number) => Promise<string>) {
  const incident = checkedIncident(ctx);
  return {
    after: async () => {
      const text = await work(incident.id);
      await ctx.respond({ response_type: 'ephemeral', text });
    },
  };
}

export const severity: Subcommand = {
  name: 'severity',
  usage: '/incident severity <id> [reason]',
  summary: 'Change the severity (e.g. SEV1); the update cadence follows',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  handle: (ctx) => {
    // The reason is the rest of the text as typed, line breaks and all.
    const [, id, reason = ''] = /^(\S+)\s*([\s\S]*)$/.exec(ctx.args) ?? [];
    const { policy } = ctx.deps;
    if (!id) {
      throw new IncidentError(
        'invalid_input',
        `Usage: \`${escapeMrkdwn(severity.usage)}\`. Severities: ${policy.severities.map((s) => `${s.id} (${s.name})`).join(', ')}.`,
      );
    }
    return changeCommand(ctx, async (incidentId) => {
      const result = await ctx.deps.incidents.changeSeverity({
        incidentId,
        severity: fromSlackText(id),
        reason: fromSlackText(reason),
        actorId: ctx.command.user_id,
      });
      const label = result.incident.severity;
      return outcome(
        result.problems,
        result.changed ? `Severity is now ${label}.` : `Incident #${incidentId} already is ${label}.`,
      );
    });
  },
};

export const assign: Subcommand = {
  name: 'assign',
  usage: '/incident assign <role> @person',
  summary: 'Give someone a role (commander, comms, scribe…); they are invited and told by DM',
  inIncidentChannel: true,
  access: { need: 'change', open: true },
  handle: (ctx) => {
    // The same trailing-mention rule as a follow-up's owner: "comms <@U123|alex>".
    const { text: role, ownerId: userId } = splitOwner(ctx.args);
    if (!userId || !/^\S+$/.test(role)) {
      const roles = ctx.deps.policy.roles.map((r) => r.id).join(', ');
      throw new IncidentError(
        'invalid_input',
        `Usage: \`${escapeMrkdwn(assign.usage)}\`, e.g. \`/incident assign comms @alex\`. Roles: ${roles}.`,
      );
    }
    return changeCommand(ctx, async (incidentId) => {
      const result = await ctx.deps.incidents.assignRole({ incidentId, role, userId, actorId: ctx.command.user_id });
      const name = findRole(ctx.deps.policy, role)?.name ?? role;
      return outcome(
        result.problems,
        result.changed ? `<@${userId}> is now ${name}.` : `<@${userId}> already is ${name}.`,
      );
    });
  },
};

export const reopen: Subcommand = {
  name: 'reopen',
  usage: '/incident reopen [reason]',
  summary: 'Reopen a resolved incident (and call off archiving its channel)',
  inIncidentChannel: true,
  access: { need: 'change' },
  handle: (ctx) =>
    changeCommand(ctx, async (incidentId) => {
      const result = await ctx.deps.incidents.reopen({
        incidentId,
        reason: fromSlackText(ctx.args),
        actorId: ctx.command.user_id,
      });
      return outcome(result.problems, `Incident #${incidentId} is open again.`);
    }),
};
