import assert from 'node:assert/strict';
import { closestName } from '../../../server/src/service/text/closestName';

describe('closest name ("did you mean")', () => {
  const flags = ['enable-distributed-tracing', 'distributed-tracing-address', 'data-dir', 'name'];

  it('suggests the nearest name within max(2, length/4) edits, and nothing farther', () => {
    assert.equal(closestName('enable-distributed-tracng', flags), 'enable-distributed-tracing');
    assert.equal(closestName('data-dri', flags), 'data-dir'); // 2 edits: the floor of the threshold
    assert.equal(closestName('dxtx-dxr', flags), undefined); // 3 edits on an 8-letter name
    assert.equal(closestName('completely-unrelated', flags), undefined);
  });

  it('the first candidate wins a tie', () => {
    assert.equal(closestName('ab', ['ax', 'xb']), 'ax');
    assert.equal(closestName('ab', ['xb', 'ax']), 'xb');
  });

  it('compares case-sensitively unless told to ignore case, and returns the candidate as spelt', () => {
    assert.equal(closestName('DATA-DIR-X', flags), undefined);
    assert.equal(closestName('apiservertracng', ['APIServerTracing', 'APIPriorityAndFairness'], { ignoreCase: true }), 'APIServerTracing');
  });
});
