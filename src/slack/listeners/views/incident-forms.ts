import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { UPDATE_STATUSES } from '../../../incidents/incident.types';
import { publicStatusOf } from '../../../statuspage/publish';
import { PUBLIC_STATUSES, type PublicStatus } from '../../../statuspage/statuspage.types';
import { IncidentError, type StepProblem } from '../../../incidents/incidents.errors';
import { FIELD } from '../../blocks/ids';
import { incidentErrorSentence, problemLines } from '../../text/error-sentences';
import type { ListenerDeps } from '../deps';
import { afterAck, tellUser } from '../shared/user-errors';
import { within } from '../shared/within';
import { componentStatuses, PublishPart, publishErrors, wantsPublish } from '../shared/publish-input';
import { IncidentMetadata, optionalText, parseInputs, parseMetadata, requiredText } from '../shared/view-state';
import { serviceIds, shownServices } from '../shared/service-ids';
import type { Policy } from '../../../config/policy';
import { blockerLine } from '../../../checklists/resolve-check';
import { truncate } from '../../blocks/text';

const updateFieldsFor = (policy: Policy) =>
  z.object({
    [FIELD.status]: z.enum(UPDATE_STATUSES, { error: 'Choose a status.' }),
    [FIELD.summary]: requiredText('Say what changed since the last update.'),
    [FIELD.impact]: optionalText,
    [FIELD.nextSteps]: optionalText,
    [FIELD.services]: serviceIds(policy),
    ...PublishPart,
  });

const AssignFields = z.object({
  [FIELD.role]: z.string({ error: 'Choose a role.' }),
  [FIELD.person]: z.string({ error: 'Choose a person.' }).regex(/^[UW][A-Z0-9]+$/, 'Choose a person.'),
});

const ResolveFields = z.object({
  [FIELD.resolution]: requiredText('Say how the incident was resolved.'),
  [FIELD.rootCause]: optionalText,
  [FIELD.pmSummary]: optionalText,
  [FIELD.usersAffected]: optionalText,
  ...PublishPart,
});

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Shared shape of the update and resolve submissions: validate (errors under the fields), close
 * the modal, then do the work and tell the author privately about anything that went wrong.
 */
function onIncidentModal<S extends z.ZodType>(
  deps: ListenerDeps,
  schema: S,
  run: (incidentId: number, data: z.infer<S>, args: ViewArgs) => Promise<{ problems: StepProblem[] }>,
  /** Field errors that need Slack to find (within the ack budget; the work checks again after). */
  check?: (data: z.infer<S>, args: ViewArgs) => Promise<Record<string, string> | undefined>,
) {
  return async (args: ViewArgs) => {
    const { ack, body, view, client } = args;
    const parsed = parseInputs(schema, view.state.values);
    const errors = parsed.ok ? await check?.(parsed.data, args) : parsed.errors;
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (!parsed.ok) return;
    await ack();
    const metadata = parseMetadata(IncidentMetadata, view.private_metadata);
    const target = { userId: body.user.id, channelId: metadata?.channelId ?? null };
    await afterAck(
      async () => {
        if (!metadata)
          throw new IncidentError('incident_not_found', 'That form no longer matches an incident. Open it again.');
        const result = await run(metadata.incidentId, parsed.data, args);
        if (result.problems.length > 0) {
          await tellUser(client, target, problemLines(result.problems).join('\n'), deps.logger);
        }
      },
      { client, logger: deps.logger, target },
    );
  };
}

type PublishData = { [FIELD.publicMessage]: string; [FIELD.publicName]: string };

/** Field errors of a form's status page part (see shared/publish-input.ts); a refusal goes under `refusalField`. */
const publishFieldErrors = (deps: ListenerDeps, data: PublishData, { body, view }: ViewArgs, refusalField: string) =>
  publishErrors(
    deps,
    { values: view.state.values, metadata: view.private_metadata, userId: body.user.id, refusalField },
    data,
  );

/** The update and resolve forms check their status page part only when it is ticked. */
const publishCheck =
  (deps: ListenerDeps) =>
  async (data: z.infer<ReturnType<typeof updateFieldsFor>> | z.infer<typeof ResolveFields>, args: ViewArgs) =>
    wantsPublish(data) ? publishFieldErrors(deps, data, args, FIELD.publish) : undefined;

/**
 * A form's status page part as one publication. `withComponents`: the statuses chosen per
 * component; without them (resolving) the page returns the incident's components to operational.
 */
const publishForm = (
  deps: ListenerDeps,
  incidentId: number,
  status: PublicStatus,
  data: PublishData,
  { body, view }: ViewArgs,
  withComponents = true,
) =>
  deps.statusPage.publish({
    incidentId,
    by: body.user.id,
    status,
    body: data[FIELD.publicMessage],
    name: data[FIELD.publicName],
    ...(withComponents ? { components: componentStatuses(view.state.values).statuses } : {}),
  });

/**
 * The update is posted, then the affected services follow the form: those chosen that it did not
 * show are added, those it showed that are no longer chosen are removed. Compared with what the
 * form showed, not with the incident now, so a service someone added meanwhile stays. Unchanged,
 * the services are not touched at all. Then, when ticked, the status page gets its public update.
 */
export const onUpdateSubmitted = (deps: ListenerDeps) =>
  onIncidentModal(
    deps,
    updateFieldsFor(deps.policy),
    async (incidentId, data, args) => {
      const { body, view } = args;
      const posted = await deps.incidents.postUpdate({
        incidentId,
        key: view.id,
        status: data[FIELD.status],
        summary: data[FIELD.summary],
        impact: data[FIELD.impact],
        nextSteps: data[FIELD.nextSteps],
        authorId: body.user.id,
      });
      const problems = [...posted.problems];
      const shown = shownServices(view.blocks);
      if (shown) {
        const chosen = data[FIELD.services];
        const add = chosen.filter((id) => !shown.includes(id));
        const remove = shown.filter((id) => !chosen.includes(id));
        if (add.length + remove.length > 0)
          problems.push(
            ...(await deps.incidents.changeServices({ incidentId, add, remove, actorId: body.user.id })).problems,
          );
      }
      if (wantsPublish(data)) await publishForm(deps, incidentId, publicStatusOf(data[FIELD.status]), data, args);
      return { ...posted, problems };
    },
    publishCheck(deps),
  );

export const onResolveSubmitted = (deps: ListenerDeps) =>
  onIncidentModal(
    deps,
    ResolveFields,
    async (incidentId, data, args) => {
      const { body, view } = args;
      const result = await deps.incidents.resolve(
        {
          incidentId,
          key: view.id,
          resolution: data[FIELD.resolution],
          rootCause: data[FIELD.rootCause],
          summary: data[FIELD.pmSummary],
          usersAffected: data[FIELD.usersAffected],
          authorId: body.user.id,
        },
        // A required postmortem is drafted and shared at once (runbook 002), once per resolution,
        // at the same time as the resolve's own posts: its upload is three round trips of its own.
        { alongside: { step: 'postmortem_share', run: (incident) => deps.followThrough.onResolved(incident) } },
      );
      // Resolving on the page returns the incident's components to operational.
      if (wantsPublish(data)) await publishForm(deps, incidentId, 'resolved', data, args, false);
      return result;
    },
    async (data, args) => (await unfinishedErrors(deps, args)) ?? publishCheck(deps)(data, args),
  );

/**
 * Required items of a `refuse` checklist left undone keep the form open, named under the resolution
 * (the resolve itself checks again, in its transaction, for an item unticked meanwhile).
 */
async function unfinishedErrors(deps: ListenerDeps, { view }: ViewArgs): Promise<Record<string, string> | undefined> {
  const metadata = parseMetadata(IncidentMetadata, view.private_metadata);
  if (!metadata) return undefined;
  const { refuse } = await deps.checklists.blockers(metadata.incidentId);
  if (refuse.length === 0) return undefined;
  return {
    [FIELD.resolution]: truncate(
      `Not resolved yet: these required checklist items are not done: ${blockerLine(refuse)}.`,
      500,
    ),
  };
}

const PublishFields = z.object({
  [FIELD.publicStatus]: z.enum(PUBLIC_STATUSES, { error: 'Choose a public status.' }),
  [FIELD.publicName]: optionalText,
  [FIELD.publicMessage]: optionalText,
});

/** `/incident statuspage`: a publication on its own. */
export const onPublishSubmitted = (deps: ListenerDeps) =>
  onIncidentModal(
    deps,
    PublishFields,
    async (incidentId, data, args) => {
      await publishForm(deps, incidentId, data[FIELD.publicStatus], data, args);
      return { problems: [] };
    },
    (data, args) => publishFieldErrors(deps, data, args, FIELD.publicMessage),
  );

export const onAssignSubmitted = (deps: ListenerDeps) =>
  onIncidentModal(
    deps,
    AssignFields,
    (incidentId, data, { body }) =>
      deps.incidents.assignRole({
        incidentId,
        role: data[FIELD.role],
        userId: data[FIELD.person],
        actorId: body.user.id,
      }),
    (data, { body }) => personErrors(deps, FIELD.person, data[FIELD.person], body.user.id),
  );

/**
 * An app or an unknown id in a person field, as a field error. A lookup that fails or is slow
 * gives none: the work that follows the ack asks again and says so. Whoever submitted the form
 * is a person Slack just heard from, so choosing oneself (the declare default) asks Slack nothing.
 */
export async function personErrors(
  deps: ListenerDeps,
  field: string,
  userId: string,
  submittedBy: string,
): Promise<Record<string, string> | undefined> {
  if (userId === submittedBy) return undefined;
  const refusal = await within(
    deps.ackBudgetMs,
    deps.incidents.checkAssignee(userId).then(
      () => undefined,
      (error: unknown) => (error instanceof IncidentError ? incidentErrorSentence(error) : undefined),
    ),
  );
  return refusal ? { [field]: withoutMentions(refusal) } : undefined;
}

/** Field errors are plain text: a mention would show as its raw <@U…> markup. */
const withoutMentions = (text: string) => text.replace(/<@[UW][A-Z0-9]+>/g, 'That user');
