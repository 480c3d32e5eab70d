// The full cross-family transfer table (issue 5): `npm run bench -- transfer [seeds] [targets]`.
// Prints one JSON line per (target, method) and a summary line with wall time.
import { selectTfBackend } from '@cgnas/native/tf';

import { emit } from '../../../scripts/bench-util.js';
import { benchmarkTransferData, cgEncoderFactory, parseFamilyName, runTransfer } from '../src/index.js';

await selectTfBackend();
const seeds = Number(process.argv[2] ?? 5);
const targets = (process.argv[3] ?? 'nb101,nb201,nb301').split(',').map(parseFamilyName);
const r = await runTransfer(cgEncoderFactory('cg-features'), benchmarkTransferData(), { targets, seeds }, (p) => {
  if (p.kind === 'seed') process.stderr.write(`${p.target} seed ${p.seed}: srcc ${p.srcc.toFixed(4)}\n`);
  if (p.kind === 'load') process.stderr.write(`loading ${p.family}\n`);
  if (p.kind === 'train' && p.event.phase === 'fit' && p.event.epoch % 10 === 9) {
    process.stderr.write(
      `${p.target}: ${p.event.member} epoch ${p.event.epoch + 1} loss ${p.event.loss.toFixed(4)} (${p.nTrain} nets)\n`,
    );
  }
});
for (const row of r.rows) emit({ bench: 'transfer', ...row });
emit({ bench: 'transfer', wallTimeS: r.wallTimeS, trainTimeS: r.trainTimeS, memberWeights: r.memberWeights });
