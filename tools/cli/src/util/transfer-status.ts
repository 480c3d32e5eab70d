// One status line for a cross-family transfer run's progress event, shared by `cgnas evaluate transfer`
// and the demo's predictor step so both name the phase the same way.
import type { TransferProgress } from '@cgnas/ensemble';

const PHASE_VERB = {
  fit: 'training',
  'fine-tune': 'fine-tuning',
  'cross-validate': 'weighing (held-out fine-tune)',
} as const;

export function transferStatus(p: TransferProgress): string {
  switch (p.kind) {
    case 'seed':
      return `${p.target} seed ${p.seed} SRCC ${p.srcc.toFixed(3)}`;
    case 'load':
      return `loading ${p.family}`;
    case 'train':
      return p.event.phase === 'pretrain'
        ? `${p.target}: contrastive pretraining on ${p.nTrain} networks`
        : `${p.target}: ${PHASE_VERB[p.event.phase]} ${p.event.member}, epoch ${p.event.epoch + 1}`;
    default: {
      const never: never = p;
      return never;
    }
  }
}
