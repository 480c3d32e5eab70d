import { readFileSync } from 'node:fs';

import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';

// Data-heavy cases; the machine is shared, so allow for load rather than flake.
vi.setConfig({ testTimeout: 30_000 });

import { graphCost } from '../graph/graph-cost.js';
import { importTfjsLayers } from './import-tfjs-layers.js';
import { TfjsImportError } from './tfjs-import-error.js';

const fixture = readFileSync(new URL('./testing/mini-resnet.model.json', import.meta.url), 'utf8');

describe('importTfjsLayers', () => {
  it('maps the hand-written functional model.json; LayerNormalization and softmax are reported <oov>', () => {
    const { graph, unmappedLayers } = importTfjsLayers(fixture);
    expect(graph.nodes.map((n) => n.op)).toEqual([
      'input',
      'conv',
      'batchnorm',
      'relu6',
      'depthwise',
      'relu',
      'conv',
      'add',
      'maxpool',
      'concat',
      '<oov>',
      'global',
      'matmul',
      '<oov>',
      'output',
    ]);
    expect(unmappedLayers.map((u) => [u.className, u.layerName])).toEqual([
      ['LayerNormalization', 'norm'],
      ['Activation(softmax)', 'logits'],
    ]);
    // TF "same" with stride 2 on 32: out 16, pad 0 before and 1 after.
    expect(graph.nodes[1]).toMatchObject({ outH: 16, pads: [0, 0, 1, 1] });
    // Hand count: 3x3x3x16 + BN 32 + dw 9x16 + pw 16x16+16 + FC 32x10+10.
    expect(graphCost(graph).params).toBe(432 + 32 + 144 + 272 + 330);
  });

  it('a tf.sequential(...).toJSON() model: same params as tfjs counts (trainable weights)', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [24, 24, 3],
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.batchNormalization(),
        tf.layers.depthwiseConv2d({ kernelSize: 5, padding: 'same', useBias: false }),
        tf.layers.separableConv2d({ filters: 12, kernelSize: 3, padding: 'valid', activation: 'sigmoid' }),
        tf.layers.averagePooling2d({ poolSize: 2 }),
        tf.layers.zeroPadding2d({ padding: 1 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 7, activation: 'tanh' }),
      ],
    });
    const json = model.toJSON(undefined, true) as string;
    const trainable = model.trainableWeights.reduce((s, w) => s + w.shape.reduce((a: number, d) => a * (d ?? 1), 1), 0);
    const { graph, unmappedLayers } = importTfjsLayers(json);
    expect(unmappedLayers).toEqual([]);
    expect(graphCost(graph).params).toBe(trainable);
    const dense = graph.nodes.find((n) => n.op === 'matmul')!;
    const out = model.layers[5]!.outputShape as number[];
    expect([dense.inH, dense.inW, dense.inC]).toEqual(out.slice(1));
    model.dispose();
  });

  it('rejects non-topologies and broken references with TfjsImportError; never crashes on random JSON', () => {
    expect(() => importTfjsLayers('{not json')).toThrow(TfjsImportError);
    expect(() => importTfjsLayers({ format: 'graph-model', modelTopology: { node: [] } })).toThrow(TfjsImportError);
    const broken = JSON.parse(fixture) as { modelTopology: { config: { layers: { inbound_nodes: unknown }[] } } };
    broken.modelTopology.config.layers[2]!.inbound_nodes = [[['nope', 0, 0, {}]]];
    expect(() => importTfjsLayers(broken)).toThrow(/nope/);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          importTfjsLayers(v);
        } catch (e) {
          expect(e).toBeInstanceOf(TfjsImportError);
        }
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});
