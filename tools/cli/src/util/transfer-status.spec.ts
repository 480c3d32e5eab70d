import { describe, expect, it } from 'vitest';

import { transferStatus } from './transfer-status.js';

describe('transferStatus', () => {
  it('names each phase of a transfer run', () => {
    const event = (phase: 'fit' | 'fine-tune' | 'cross-validate') =>
      transferStatus({
        kind: 'train',
        target: 'nb301',
        nTrain: 4596,
        event: { phase, member: 'kgnn', memberIndex: 4, members: 6, epoch: 9, loss: 0.5 },
      });
    expect(event('fit')).toBe('nb301: training kgnn, epoch 10');
    expect(event('fine-tune')).toBe('nb301: fine-tuning kgnn, epoch 10');
    expect(event('cross-validate')).toBe('nb301: weighing (held-out fine-tune) kgnn, epoch 10');
    expect(
      transferStatus({ kind: 'train', target: 'nb101', nTrain: 12, event: { phase: 'pretrain', member: null } }),
    ).toBe('nb101: contrastive pretraining on 12 networks');
    expect(transferStatus({ kind: 'seed', target: 'nb201', seed: 2, srcc: 0.93456 })).toBe('nb201 seed 2 SRCC 0.935');
    expect(transferStatus({ kind: 'load', family: 'nb101' })).toBe('loading nb101');
  });
});
