// The full cross-family transfer table (issue 5): `npm run bench -- transfer [seeds] [targets] [encoder]`,
// with the budget `cgnas evaluate transfer` uses for that encoder (default: the contrastively pretrained
// k-GNN). Prints one JSON line per (target, method) and a summary line with wall and CPU time.
import { selectTfBackend } from '@cgnas/native/tf';

import { emit } from '../../../scripts/bench-util.js';
import {
  DEFAULT_CG_ENCODER,
  benchmarkTransferData,
  cgEncoderFactory,
  encoderTrainingDefaults,
  parseFamilyName,
  runTransfer,
} from '../src/index.js';

await selectTfBackend();
const seeds = Number(process.argv[2] ?? 5);
const targets = (process.argv[3] ?? 'nb101,nb201,nb301').split(',').map(parseFamilyName);
const encoder = process.argv[4] ?? DEFAULT_CG_ENCODER;
const defaults = encoderTrainingDefaults(encoder);
const cpu0 = process.cpuUsage();
const r = await runTransfer(
  cgEncoderFactory(encoder, { kgnn: { pretrain: { epochs: defaults.pretrainEpochs } } }),
  benchmarkTransferData({ sourceLimit: { nb201: defaults.nb201Limit } }),
  { targets, seeds, ensemble: { training: defaults.training, fineTuning: defaults.fineTuning } },
  (p) => {
    if (p.kind === 'seed') process.stderr.write(`${p.target} seed ${p.seed}: srcc ${p.srcc.toFixed(4)}\n`);
    if (p.kind === 'load') process.stderr.write(`loading ${p.family}\n`);
    if (p.kind === 'train' && p.event.phase === 'fit' && p.event.epoch % 10 === 9) {
      process.stderr.write(
        `${p.target}: ${p.event.member} epoch ${p.event.epoch + 1} loss ${p.event.loss.toFixed(4)} (${p.nTrain} nets)\n`,
      );
    }
  },
);
const cpu = process.cpuUsage(cpu0);
for (const row of r.rows) emit({ bench: 'transfer', ...row });
emit({
  bench: 'transfer',
  encoder,
  wallTimeS: r.wallTimeS,
  cpuTimeS: (cpu.user + cpu.system) / 1e6,
  trainTimeS: r.trainTimeS,
  memberWeights: r.memberWeights,
});
