import { longestFirst } from '../../../src/incidents/longest-first';

describe('longestFirst', () => {
  it('starts the longest chain before the shorter parts, and waits for all of them', async () => {
    const order: string[] = [];
    const part = (name: string) => async () => {
      order.push(`${name} started`);
      await Promise.resolve();
      order.push(`${name} done`);
    };
    await longestFirst(part('kickoff'), [part('invite'), part('topic')]);
    expect(order[0]).toBe('kickoff started');
    expect(order.indexOf('kickoff done')).toBeLessThan(order.indexOf('invite started'));
    expect(order).toEqual(expect.arrayContaining(['invite done', 'topic done']));
  });

  it('passes on a failure of the first part once the rest have been started', async () => {
    const rest = jest.fn(async () => undefined);
    await expect(longestFirst(() => Promise.reject(new Error('lost')), [rest])).rejects.toThrow('lost');
    expect(rest).toHaveBeenCalled();
  });
});
