// `npm run bench -- encoder`: trains the default k-GNN (6 × GraphConv(32), tanh, mean pool) with a
// 5-layer MLP head (Adam, MSE, batch 32, grad clip 5) on NB-201 CGs, as in the PyTorch peer
// /work/shared/peers/pytorch_kgnn.py, and reports training and inference throughput in graphs/s.
// Args: [--impl native|js|both] [--graphs N] [--epochs E] [--dump-cg FILE] [--nodes N --edges E].
// --nodes/--edges use random DAGs shaped like the peer's default (300 nodes, 380 edges) instead of
// NB-201 CGs, with random op/shape/kernel features. CGNAS_THREADS=1 for one
// thread. --dump-cg writes the graphs as {"n", "edges"} lines for `pytorch_kgnn.py --cg FILE`.
import { writeFileSync } from 'node:fs';

import { graphFeatures, nb201Graph, sampleNb201, type GraphFeatures } from '@cgnas/cg-core';
import { getThreads, hasNative, jsGraphConvKernels, Rng, setThreads, type GraphConvKernels } from '@cgnas/native';
import { selectTfBackend, tf } from '@cgnas/native/tf';

import { emit } from '../../../scripts/bench-util.js';
import { FusedAdam, GraphEncoder, MlpHead, batchGraphs, clippedStep, type GraphBatch } from '../src/index.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const backend = await selectTfBackend();
const threadsEnv = Number(process.env.CGNAS_THREADS ?? '0');
if (threadsEnv > 0) setThreads(threadsEnv);
const impls = arg('impl', 'both') === 'both' ? ['native', 'js'] : [arg('impl', 'native')];
const batchSize = 32;

const rng = new Rng(2024);
function makeBatches(count: number): { batches: GraphBatch[]; targets: tf.Tensor2D[]; nodes: number; edges: number } {
  const nodesArg = Number(arg('nodes', '0'));
  const feats = Array.from({ length: count }, () =>
    nodesArg > 0
      ? randomDag(nodesArg, Number(arg('edges', String(Math.round(nodesArg * 1.27)))))
      : graphFeatures(nb201Graph(sampleNb201(rng))),
  );
  const batches: GraphBatch[] = [];
  for (let i = 0; i < feats.length; i += batchSize) batches.push(batchGraphs(feats.slice(i, i + batchSize)));
  const targets = batches.map((b) =>
    tf.tensor2d(
      new Float32Array(b.numGraphs).map(() => rng.normal()),
      [b.numGraphs, 1],
    ),
  );
  const dump = process.argv.indexOf('--dump-cg');
  if (dump >= 0 && process.argv[dump + 1]) {
    const lines = feats.map((f) =>
      JSON.stringify({ n: f.numNodes, edges: Array.from(f.edgeSrc, (s, e) => [s, f.edgeDst[e]]) }),
    );
    writeFileSync(process.argv[dump + 1]!, `${lines.join('\n')}\n`);
  }
  const nodes = feats.reduce((s, f) => s + f.numNodes, 0) / feats.length;
  const edges = feats.reduce((s, f) => s + f.edgeSrc.length, 0) / feats.length;
  return { batches, targets, nodes, edges };
}

/** The peer's random DAG: src uniform, dst = min(src + U{1..7}, n − 1); features random. */
function randomDag(n: number, e: number): GraphFeatures {
  const edgeSrc = new Int32Array(e).map(() => rng.int(n - 1));
  const edgeDst = edgeSrc.map((s) => Math.min(n - 1, s + 1 + rng.int(7)));
  const weighted = new Uint8Array(n).map(() => (rng.float() < 0.4 ? 1 : 0));
  return {
    numNodes: n,
    opIndex: new Int32Array(n).map(() => rng.int(25)),
    shape: new Float32Array(n * 6).map(() => rng.float()),
    kernelH: Int32Array.from(weighted, (w) => (w ? 3 : 0)),
    kernelW: Int32Array.from(weighted, (w) => (w ? 3 : 0)),
    bias: new Uint8Array(n),
    weighted,
    edgeSrc,
    edgeDst,
  };
}

for (const impl of impls) {
  if (impl === 'native' && !hasNative()) continue;
  const kernels: GraphConvKernels | undefined = impl === 'js' ? jsGraphConvKernels : undefined;
  const graphs = Number(arg('graphs', impl === 'js' ? '128' : '1024'));
  const epochs = Number(arg('epochs', impl === 'js' ? '1' : '2'));
  const { batches, targets, nodes, edges } = makeBatches(graphs);
  const encoder = new GraphEncoder({}, kernels ? { kernels } : {});
  const head = new MlpHead({
    units: [32, 32, 32, 32, 32, 1],
    activations: ['linear', 'relu', 'linear', 'linear', 'linear'],
  });
  const optimizer = new FusedAdam({ learningRate: 1e-4 });
  const variables = [...encoder.variables(), ...head.variables()];
  const epoch = (): void => {
    batches.forEach((b, i) => {
      clippedStep(
        optimizer,
        variables,
        () => tf.losses.meanSquaredError(targets[i]!, head.apply(encoder.encode(b))) as tf.Scalar,
        5,
      );
    });
  };
  epoch(); // warm-up (JIT, tfjs kernels, Adam slots)
  const tensorsBefore = tf.memory().numTensors;
  // CPU seconds beside wall seconds: on a shared machine the wall clock includes other processes.
  const cpuSeconds = (since: NodeJS.CpuUsage): number => {
    const c = process.cpuUsage(since);
    return (c.user + c.system) / 1e6;
  };
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  for (let e = 0; e < epochs; e++) epoch();
  const train = (epochs * graphs) / ((performance.now() - t0) / 1000);
  const trainCpu = (epochs * graphs) / cpuSeconds(c0);
  const infer = (): void => {
    for (const b of batches) {
      // Returns nothing from tidy: tfjs walks a returned typed array element by element.
      tf.tidy(() => {
        head.apply(encoder.encode(b)).dataSync();
      });
    }
  };
  infer();
  t0 = performance.now();
  c0 = process.cpuUsage();
  for (let e = 0; e < epochs; e++) infer();
  const inferRate = (epochs * graphs) / ((performance.now() - t0) / 1000);
  const inferCpu = (epochs * graphs) / cpuSeconds(c0);
  emit({
    bench: 'encoder',
    impl,
    threads: impl === 'native' ? getThreads() : 1,
    tf_backend: backend.backend,
    graphs,
    data: Number(arg('nodes', '0')) > 0 ? 'random-dag' : 'nb201',
    batch: batchSize,
    nodes_mean: Math.round(nodes * 10) / 10,
    edges_mean: Math.round(edges * 10) / 10,
    train_graphs_per_s: Math.round(train),
    infer_graphs_per_s: Math.round(inferRate),
    train_graphs_per_cpu_s: Math.round(trainCpu),
    infer_graphs_per_cpu_s: Math.round(inferCpu),
    tensors_leaked: tf.memory().numTensors - tensorsBefore,
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
  encoder.dispose();
  head.dispose();
  optimizer.dispose();
  targets.forEach((t) => t.dispose());
}
