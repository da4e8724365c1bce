import { IncidentError } from '../../../incidents/incidents.errors';
import { similarIncidentsBlocks } from '../../blocks/similar-incidents';
import { fromSlackText } from '../../blocks/text';
import { within } from '../shared/within';
import type { Subcommand } from './subcommand';

/**
 * "Is this a known issue?" on demand: resolved incidents most like the words given, or like the
 * channel's incident; only those the person asking may see, and only they see the answer.
 */
export const similar: Subcommand = {
  name: 'similar',
  usage: '/incident similar [words]',
  summary: 'Resolved incidents most like these words (or, in an incident channel, like its incident)',
  inIncidentChannel: false,
  handle: async ({ args, command, deps, respond }) => {
    const viewer = { viewer: command.user_id };
    const words = fromSlackText(args).trim();
    const work = (async () => {
      if (words) return { found: await deps.similar.matching(words, viewer), about: 'these words' };
      const incident = await deps.incidents.findByChannel(command.channel_id);
      if (!incident)
        throw new IncidentError(
          'invalid_input',
          'Say what to look for, e.g. `/incident similar stripe webhooks failing`, or ask in an incident channel.',
        );
      const shown = await deps.incidents.requireAccess(incident, command.user_id, { need: 'see' });
      return { found: await deps.similar.like(shown, viewer), about: `#${shown.id}` };
    })();
    const answer = (r: Awaited<typeof work>) =>
      r.found.length === 0
        ? { reply: `No resolved incident you can see is like ${r.about}.` }
        : {
            reply: `Similar past incidents: ${r.found.length}`,
            blocks: similarIncidentsBlocks(r.found, deps.policy, deps.consoleUrl),
          };
    // Private incidents need Slack to say who is in their channels; if that is slow, the answer follows.
    const quick = await within(deps.ackBudgetMs, work);
    if (quick) return answer(quick);
    return {
      reply: 'Looking through past incidents…',
      after: async () => {
        const late = answer(await work);
        await respond({
          response_type: 'ephemeral',
          replace_original: true,
          text: late.reply,
          ...('blocks' in late ? { blocks: late.blocks } : {}),
        });
      },
    };
  },
};
