import type { ConversationPort } from '../../../src/incidents/conversation.port';
import { ChannelNameTakenError } from '../../../src/incidents/incidents.errors';
import { toChatError } from '../../../src/slack/adapters/slack-errors';

/** A conversation port that records what the domain asked for and can be told to fail. */
export function inMemoryConversation() {
  const calls: Array<{ op: keyof ConversationPort; args: unknown[] }> = [];
  const taken = new Set<string>();
  const failures = new Map<string, Error>();
  /** Channel members besides the role holders; none unless a test adds them. */
  const members = new Set<string>();
  let ts = 0;
  const next = () => `1700000000.${String(++ts).padStart(6, '0')}`;
  const op =
    <K extends keyof ConversationPort>(name: K, result: (...args: Parameters<ConversationPort[K]>) => unknown) =>
    async (...args: Parameters<ConversationPort[K]>) => {
      calls.push({ op: name, args });
      const failure = failures.get(name);
      if (failure) {
        failures.delete(name);
        throw failure;
      }
      return result(...args);
    };
  const port: ConversationPort = {
    createChannel: op('createChannel', (name) => {
      if (taken.has(name)) throw new ChannelNameTakenError(name);
      taken.add(name);
      return { id: `C${taken.size}`, name };
    }) as ConversationPort['createChannel'],
    findOwnChannel: op('findOwnChannel', () => null) as ConversationPort['findOwnChannel'],
    invite: op('invite', () => []) as ConversationPort['invite'],
    setTopic: op('setTopic', () => undefined) as ConversationPort['setTopic'],
    postKickoff: op('postKickoff', next) as ConversationPort['postKickoff'],
    refreshKickoff: op('refreshKickoff', () => undefined) as ConversationPort['refreshKickoff'],
    pin: op('pin', () => undefined) as ConversationPort['pin'],
    bookmarkCall: op('bookmarkCall', () => undefined) as ConversationPort['bookmarkCall'],
    announce: op('announce', next) as ConversationPort['announce'],
    tellSetupFinished: op('tellSetupFinished', () => undefined) as ConversationPort['tellSetupFinished'],
    tellCommanderUnavailable: op(
      'tellCommanderUnavailable',
      () => undefined,
    ) as ConversationPort['tellCommanderUnavailable'],
    refreshAnnouncement: op('refreshAnnouncement', () => undefined) as ConversationPort['refreshAnnouncement'],
    postStatusUpdate: op('postStatusUpdate', next) as ConversationPort['postStatusUpdate'],
    mirrorStatusUpdate: op('mirrorStatusUpdate', next) as ConversationPort['mirrorStatusUpdate'],
    isMember: op('isMember', (_channel, user) => members.has(user)) as ConversationPort['isMember'],
    personKind: op('personKind', (user) => (user.startsWith('B') ? 'bot' : 'person')) as ConversationPort['personKind'],
    postChange: op('postChange', () => undefined) as ConversationPort['postChange'],
    announceChange: op('announceChange', () => undefined) as ConversationPort['announceChange'],
    tellRoleHolder: op('tellRoleHolder', () => undefined) as ConversationPort['tellRoleHolder'],
    archiveChannel: op('archiveChannel', () => undefined) as ConversationPort['archiveChannel'],
  };
  return {
    port,
    calls,
    ops: () => calls.map((c) => c.op),
    take: (name: string) => taken.add(name),
    addMember: (userId: string) => members.add(userId),
    failNext: (name: keyof ConversationPort, code: string) =>
      failures.set(
        name,
        toChatError(
          Object.assign(new Error(`An API error occurred: ${code}`), {
            code: 'slack_webapi_platform_error',
            data: { ok: false, error: code },
          }),
        ) as Error,
      ),
  };
}
