import { transactionScopes } from '../../../src/store/transaction-scopes';

describe('transaction scopes', () => {
  it('a flow inside a transaction finds it across awaits; a flow outside, or after it, does not', async () => {
    const scopes = transactionScopes<{ name: string }>();
    let outside: unknown = 'not read';
    let leftOver: () => unknown = () => 'not read';
    const inside = await scopes.run({ name: 'tx' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const elsewhere = Promise.resolve();
      leftOver = () => scopes.current();
      await elsewhere;
      return scopes.current();
    });
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        outside = scopes.current();
        resolve();
      }),
    );
    expect(inside).toEqual({ name: 'tx' });
    expect(outside).toBeUndefined();
    expect(leftOver()).toBeUndefined();
    expect(scopes.current()).toBeUndefined();
  });

  it('while two transactions overlap, each flow finds its own, and the storage stays on until both end', async () => {
    const scopes = transactionScopes<string>();
    let releaseA: () => void = () => undefined;
    const a = scopes.run('a', async () => {
      await new Promise<void>((resolve) => {
        releaseA = resolve;
      });
      return scopes.current();
    });
    const b = await scopes.run('b', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return scopes.current();
    });
    releaseA();
    expect(b).toBe('b');
    expect(await a).toBe('a');
  });
});
