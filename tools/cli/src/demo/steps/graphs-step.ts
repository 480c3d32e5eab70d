// Demo step 1: every family becomes a Computation Graph; sizes, FLOPs and params per family, and a
// check of the NB-201 builder against the benchmark's own parameter counts.
import { join } from 'node:path';

import {
  fbnetFamily,
  graphCost,
  graphHash,
  loadNb201,
  nb101Graph,
  nb201Graph,
  nb301Graph,
  ofaMbv3Family,
  ofaResnetFamily,
  proxylessFamily,
  sampleNb101,
  sampleNb201,
  sampleNb301,
  type ComputationGraph,
} from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { scatterChart } from '@cgnas/search';

import { writePlot } from '../../util/write-output.js';
import type { DemoStep, DemoStepContext, DemoStepResult } from '../demo-runner.js';

interface FamilySampler {
  readonly name: string;
  readonly sample: (rng: Rng) => ComputationGraph;
}

const FAMILIES: readonly FamilySampler[] = [
  { name: 'nb101', sample: (rng) => nb101Graph(sampleNb101(rng)) },
  { name: 'nb201', sample: (rng) => nb201Graph(sampleNb201(rng)) },
  { name: 'nb301', sample: (rng) => nb301Graph(sampleNb301(rng)) },
  { name: 'ofa-mbv3', sample: (rng) => ofaMbv3Family.toGraph(ofaMbv3Family.sample(rng)) },
  { name: 'proxyless', sample: (rng) => proxylessFamily.toGraph(proxylessFamily.sample(rng)) },
  { name: 'ofa-resnet50', sample: (rng) => ofaResnetFamily.toGraph(ofaResnetFamily.sample(rng)) },
  { name: 'fbnet', sample: (rng) => fbnetFamily.toGraph(fbnetFamily.sample(rng)) },
];

function summary(values: readonly number[]): { mean: number; min: number; max: number } {
  return {
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

export const graphsStep: DemoStep = {
  id: 'graphs',
  title: '1. Computation graphs for seven families',
  async run(ctx: DemoStepContext): Promise<DemoStepResult> {
    const perFamily = ctx.full ? 500 : 60;
    const rows: string[] = [];
    const series: { name: string; points: [number, number][] }[] = [];
    let built = 0;
    for (const [fi, fam] of FAMILIES.entries()) {
      const rng = new Rng(ctx.seed, fi);
      const graphs: ComputationGraph[] = [];
      const t0 = performance.now();
      for (let i = 0; i < perFamily; i++) graphs.push(fam.sample(rng));
      const msPerGraph = (performance.now() - t0) / perFamily;
      const costs = graphs.map(graphCost);
      const nodes = summary(graphs.map((g) => g.nodes.length));
      const mflops = summary(costs.map((c) => c.flops / 1e6));
      const params = summary(costs.map((c) => c.params / 1e6));
      const distinct = new Set(graphs.map(graphHash)).size;
      built += graphs.length;
      rows.push(
        `| ${fam.name} | ${perFamily} (${distinct} distinct) | ${nodes.mean.toFixed(0)} (${nodes.min}–${nodes.max}) | ` +
          `${mflops.mean.toFixed(1)} (${mflops.min.toFixed(1)}–${mflops.max.toFixed(1)}) | ` +
          `${params.mean.toFixed(2)} (${params.min.toFixed(2)}–${params.max.toFixed(2)}) | ${msPerGraph.toFixed(2)} |`,
      );
      series.push({
        name: fam.name,
        points: costs.map((c) => [Math.log10(c.flops / 1e6), Math.log10(c.params / 1e6)]),
      });
      ctx.progress((fi + 1) / (FAMILIES.length + 1), fam.name);
      ctx.log(
        `  ${fam.name.padEnd(13)} nodes ${nodes.mean.toFixed(0).padStart(4)}  MFLOPs ${mflops.mean.toFixed(1).padStart(7)}  params ${params.mean.toFixed(2)} M`,
      );
    }
    // The builders are exact to the benchmark's own metadata: NB-201 params vs the table.
    const table = loadNb201();
    const check = ctx.full ? table : table.filter((_, i) => i % 25 === 0);
    let exact = 0;
    const off: string[] = [];
    for (const r of check) {
      const params = graphCost(nb201Graph(r.archStr)).params;
      if (Math.abs(params / 1e6 - r.paramsM) < 5e-7) exact++;
      else off.push(`\`${r.archStr}\`: ${params} vs ${Math.round(r.paramsM * 1e6)}`);
    }
    ctx.progress(1, 'NB-201 params check');
    const plot = 'graphs-flops-params.svg';
    const files = writePlot(
      join(ctx.outDir, plot),
      scatterChart(series, {
        title: 'Computation graphs by family',
        xLabel: 'log10 MFLOPs (MACs)',
        yLabel: 'log10 params (M)',
        width: 720,
        height: 440,
      }),
    );
    const markdown = [
      `${built} networks from seven design spaces, each built as a whole network (stem, every cell or block, head) and validated.`,
      '',
      '| family | sampled | nodes mean (min–max) | MFLOPs mean (min–max) | params M mean (min–max) | ms per CG |',
      '|---|---|---|---|---|---:|',
      ...rows,
      '',
      `NB-201 builder vs the benchmark's own \`params_m\`: **${exact} / ${check.length}** architectures exact.` +
        (off.length > 0
          ? ` The others are rows where the data file (the NASWOT extract) stores the mean over a cell and its isomorphic duplicates, not one cell's count: ${off.join('; ')}.`
          : ''),
      '',
      `![FLOPs vs params](${plot})`,
    ].join('\n');
    return {
      markdown,
      summary: `${built} CGs from 7 families; NB-201 params exact ${exact}/${check.length}`,
      files: files.map((f) => f.slice(ctx.outDir.length + 1)),
    };
  },
};
