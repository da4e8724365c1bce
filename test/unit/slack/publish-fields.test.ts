import { resolvePublishBlocks, updatePublishBlocks } from '../../../src/slack/blocks/publish-fields';
import type { PublishDraft } from '../../../src/statuspage/publish';

const draft = (over: Partial<PublishDraft> = {}): PublishDraft => ({
  published: false,
  name: null,
  status: 'investigating',
  message: 'We are investigating.',
  components: [{ id: 'payments', name: 'Payments', status: 'major_outage' }],
  ...over,
});
const ids = (blocks: Array<{ block_id?: string }>) => blocks.map((b) => b.block_id).filter(Boolean);

describe("the update and resolve forms' status page part", () => {
  it('is absent when the person may not publish, or the incident affects no public component', () => {
    expect(updatePublishBlocks(null)).toEqual([]);
    expect(updatePublishBlocks(draft({ components: [] }))).toEqual([]);
  });

  it('asks for a public name only before the first publication, and starts from the template', () => {
    expect(ids(updatePublishBlocks(draft()))).toEqual([
      'statuspage_publish',
      'public_name',
      'public_message',
      'component:payments',
    ]);
    expect(ids(updatePublishBlocks(draft({ published: true, name: 'Card payments failing' })))).not.toContain(
      'public_name',
    );
    expect(JSON.stringify(updatePublishBlocks(draft()))).toContain('"initial_value":"We are investigating."');
  });

  it('on the resolve form has no component statuses, and is ticked once the incident was published', () => {
    const blocks = resolvePublishBlocks(draft({ published: true, status: 'resolved' }));
    expect(ids(blocks)).toEqual(['statuspage_publish', 'public_message']);
    expect(JSON.stringify(blocks)).toContain('initial_options');
    expect(JSON.stringify(resolvePublishBlocks(draft()))).not.toContain('initial_options');
  });
});
