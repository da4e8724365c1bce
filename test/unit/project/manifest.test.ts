import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { DEFAULT_POLICY, loadPolicy } from '../../../src/config/policy';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = YAML.parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));

/** The bot scope(s) each Web API method needs (docs.slack.dev/reference/methods). */
const SCOPE_OF: Record<string, string | string[] | null> = {
  'auth.test': null,
  // Private (security) incidents live in private channels, which need groups:write for the same calls.
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'conversations.archive': ['channels:manage', 'groups:write'],
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'pins.add': 'pins:write',
  'files.uploadV2': 'files:write',
  'views.open': null,
  'views.update': null,
  'chat.getPermalink': null, // needs no scope
  'views.publish': null,
  // Incident channels may be public or private; reading members of each needs its own scope.
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'],
  'users.info': 'users:read',
  // The web console: behind a proxy, the person is found by e-mail; Sign in with Slack's code
  // exchange takes the app's client id and secret, no bot scope.
  'users.lookupByEmail': 'users:read.email',
  'users.conversations': 'groups:read', // types=private_channel only: the console's readers' private channels
  'openid.connect.token': null,
  // A post whose answer was lost is looked for (by its metadata) in a public or private channel,
  // and a reminder or escalation DM another replica may have sent, in the DM.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  // A hurt service's owners are its user group's members; its runbook and dashboard are bookmarked.
  'usergroups.users.list': 'usergroups:read',
  'bookmarks.add': 'bookmarks:write',
  // A retried set-up looks for the call bookmark before adding it.
  'bookmarks.list': 'bookmarks:read',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

function methodsCalled(): Set<string> {
  const methods = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    // Methods are two or three names deep (chat.postMessage, usergroups.users.list).
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/[cC]lient\.(\w+(?:\.\w+)?)\.(\w+)\(/g))
      methods.add(`${match[1]}.${match[2]}`);
  }
  return methods;
}

describe('manifest.yml', () => {
  it('declares /incident, interactivity, the timeline shortcut and Socket Mode', () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/incident', should_escape: true }),
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'add_to_timeline' }),
    ]);
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.name.length).toBeLessThanOrEqual(24);
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('enables the Home tab and subscribes to the event that publishes it', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('subscribes to exactly the events the app listens to', () => {
    const source = fs.readFileSync(path.join(root, 'src/slack/listeners/events/index.ts'), 'utf8');
    // One listener routes every event type by a table: `type: handler` lines.
    const listened = [...source.matchAll(/^\s+([a-z_]+): [a-zA-Z]+\(deps/gm)].map((m) => m[1]);
    expect(listened).toEqual(expect.arrayContaining(['member_joined_channel', 'member_left_channel']));
    // Message events are subscribed per kind of conversation (message.channels, message.groups).
    const subscribed = new Set<string>(
      manifest.settings.event_subscriptions.bot_events.map((e: string) => e.split('.')[0]),
    );
    expect([...subscribed].sort()).toEqual([...listened].sort());
  });

  it('asks for exactly the bot scopes the code uses', () => {
    const called = methodsCalled();
    const unknown = [...called].filter((m) => !(m in SCOPE_OF));
    expect(unknown).toEqual([]); // a new Web API method: add its scope to SCOPE_OF and the manifest
    const needed = new Set(['commands', 'chat:write.public', ...[...called].flatMap((m) => SCOPE_OF[m] ?? [])]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});

describe("manifest.yml's Sign in with Slack", () => {
  it("asks for the OpenID scopes and lists the console's callback as a redirect URL", () => {
    expect([...manifest.oauth_config.scopes.user].sort()).toEqual(['email', 'openid', 'profile']);
    expect(manifest.oauth_config.redirect_urls).toEqual([expect.stringMatching(/^https:\/\/[^/]+\/auth\/callback$/)]);
  });
});

describe('commander.example.yml', () => {
  it('shows exactly the built-in defaults', () => {
    expect(loadPolicy(path.join(root, 'commander.example.yml'))).toEqual(DEFAULT_POLICY);
  });
});
