import { EventEmitter } from 'node:events';
import { createLogger } from '../../../src/logger';
import { handleUncaughtErrors, type ProcessEvents } from '../../../src/errors/uncaught-errors';

/** A stand-in for `process`: its events, and the exit code asked for, if any. */
function fakeProcess(): { proc: ProcessEvents & EventEmitter; exits: number[]; lines: () => any[] } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const proc = Object.assign(emitter, { exit: (code: number) => void exits.push(code) as never });
  const written: string[] = [];
  handleUncaughtErrors(proc, createLogger('info', { write: (line: string) => void written.push(line) }));
  return { proc, exits, lines: () => written.map((l) => JSON.parse(l)) };
}

describe('errors nothing caught', () => {
  it('a rejected promise nobody handled is logged and the process carries on', () => {
    const { proc, exits, lines } = fakeProcess();
    proc.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'event')"));
    expect(exits).toEqual([]);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'a promise failed and nothing handled it; carrying on',
        err: expect.objectContaining({
          type: 'TypeError',
          message: "Cannot read properties of null (reading 'event')",
        }),
      }),
    ]);
  });

  it('an exception thrown out of a callback is logged and the process exits 1', () => {
    const { proc, exits, lines } = fakeProcess();
    proc.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([1]);
    expect(lines()).toEqual([
      expect.objectContaining({ level: 60, err: expect.objectContaining({ message: 'boom' }) }),
    ]);
  });

  it('a token or password quoted in the error is masked', () => {
    const { proc, lines } = fakeProcess();
    proc.emit('unhandledRejection', new Error('failed with xoxb-1234-secret at postgres://u:hunter2@db/x'));
    const line = JSON.stringify(lines());
    expect(line).not.toContain('xoxb-1234-secret');
    expect(line).not.toContain('hunter2');
  });
});
