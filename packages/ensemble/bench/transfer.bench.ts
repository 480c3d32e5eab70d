// The full cross-family transfer table (issue 5):
// `npm run bench -- transfer [seeds] [targets] [encoder] [ensemble options as JSON] [fine-tune sizes]`,
// with the budget `cgnas evaluate transfer` uses for that encoder (default: the contrastively pretrained
// k-GNN). The JSON overrides GennapeEnsembleOptions for ablations, e.g. '{"pretrainedMembers":[]}' (no CL
// at all); the sizes (e.g. nb301=100) give points of the few-shot learning curve.
// Prints one JSON line per (target, method), each member's fine-tuned SRCC per target, how far the
// stand_flops label orders each target family like its accuracy, and a summary with wall and CPU time.
import { selectTfBackend } from '@cgnas/native/tf';

import { emit } from '../../../scripts/bench-util.js';
import {
  DEFAULT_CG_ENCODER,
  benchmarkTransferData,
  cgEncoderFactory,
  encoderTrainingDefaults,
  FlopsLabelTransform,
  parseFamilyName,
  parseFinetuneSizes,
  runTransfer,
  spearman,
  type GennapeEnsembleOptions,
} from '../src/index.js';

await selectTfBackend();
const seeds = Number(process.argv[2] ?? 5);
const targets = (process.argv[3] ?? 'nb101,nb201,nb301').split(',').map(parseFamilyName);
const encoder = process.argv[4] ?? DEFAULT_CG_ENCODER;
let overrides: Partial<GennapeEnsembleOptions> = {};
try {
  overrides = JSON.parse(process.argv[5] ?? '{}') as Partial<GennapeEnsembleOptions>;
} catch (error) {
  throw new Error(
    `transfer bench: Expected ensemble options as JSON for the 4th argument but received ${process.argv[5]} (${String(error)})`,
  );
}
const finetune = process.argv[6] === undefined ? {} : parseFinetuneSizes(process.argv[6]);
const defaults = encoderTrainingDefaults(encoder);
const data = benchmarkTransferData({ sourceLimit: { nb201: defaults.nb201Limit } });
const cpu0 = process.cpuUsage();
const r = await runTransfer(
  cgEncoderFactory(encoder, { kgnn: { pretrain: { epochs: defaults.pretrainEpochs } } }),
  data,
  {
    targets,
    seeds,
    finetune,
    ensemble: { training: defaults.training, fineTuning: defaults.fineTuning, ...overrides },
  },
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
for (const target of targets) {
  emit({ bench: 'transfer', kind: 'members', target, overrides, member_srcc_mean: r.memberSrcc[target] });
  // Where accuracy varies less than the FLOPs term, the label orders networks by FLOPs, not accuracy:
  // why the members' ranking loss compares implied accuracies (regression-member.ts).
  const nets = data.target(target);
  const acc = nets.map((n) => n.accuracy);
  const gflops = nets.map((n) => n.gflops);
  const label = FlopsLabelTransform.fit(acc, gflops).transform(acc, gflops);
  emit({
    bench: 'transfer',
    kind: 'label-order',
    target,
    n: nets.length,
    label_accuracy_spearman: spearman(acc, label),
  });
}
emit({
  bench: 'transfer',
  encoder,
  wallTimeS: r.wallTimeS,
  cpuTimeS: (cpu.user + cpu.system) / 1e6,
  trainTimeS: r.trainTimeS,
  memberWeights: r.memberWeights,
});
