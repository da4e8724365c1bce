import { readSocketMessage } from '../../../src/slack/transport/socket-message';

const read = (message: unknown) => readSocketMessage(typeof message === 'string' ? message : JSON.stringify(message));

describe('reading a Socket Mode frame', () => {
  it('tells hello and disconnect from envelopes', () => {
    expect(read({ type: 'hello', num_connections: 1 })).toEqual({ kind: 'hello' });
    expect(read({ type: 'disconnect', reason: 'refresh_requested' })).toEqual({
      kind: 'disconnect',
      reason: 'refresh_requested',
    });
  });

  it('hands on well-formed envelopes, with the inner event type of events_api', () => {
    expect(read({ envelope_id: 'e1', type: 'slash_commands', payload: { command: '/incident' } })).toEqual({
      kind: 'envelope',
      envelopeId: 'e1',
    });
    expect(
      read({ envelope_id: 'e2', type: 'events_api', payload: { event: { type: 'member_left_channel' } } }),
    ).toEqual({ kind: 'envelope', envelopeId: 'e2', eventType: 'member_left_channel' });
  });

  it.each([
    ['null', 'null', undefined, 'a message that is not an object'],
    ['not JSON', '{nope', undefined, 'a message that is not JSON'],
    ['an array', '[]', undefined, 'a message that is not an object'],
    [
      'a null payload',
      { envelope_id: 'e1', type: 'events_api', payload: null },
      'e1',
      'an envelope whose payload is not an object',
    ],
    [
      'an events_api payload without an event',
      { envelope_id: 'e1', type: 'events_api', payload: { type: 'event_callback' } },
      'e1',
      'an events_api envelope without an event',
    ],
    [
      'app_rate_limited',
      { envelope_id: 'e1', type: 'events_api', payload: { type: 'app_rate_limited', minute_rate_limited: 1 } },
      'e1',
      'app_rate_limited: Slack is dropping events for this app (over 30,000 an hour in a workspace)',
    ],
    [
      'an unknown type',
      { envelope_id: 'e1', type: 'mystery', payload: {} },
      'e1',
      'an envelope of a type Commander does not handle',
    ],
    ['no envelope id', { type: 'interactive', payload: {} }, undefined, 'an envelope without an envelope_id'],
  ])('ignores %s, keeping its envelope id to ack', (_name, message, envelopeId, why) => {
    expect(read(message)).toEqual({ kind: 'ignored', ...(envelopeId ? { envelopeId } : {}), why });
  });
});
