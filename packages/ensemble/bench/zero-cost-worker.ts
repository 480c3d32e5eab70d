// worker_threads entry of the zero-cost benchmark: scores the NB-201 cells it is sent, one network at a
// time, and posts each network's scores back. The parent sets the native thread count (one per worker).
import { parentPort, workerData } from 'node:worker_threads';

import { nb201Graph } from '@cgnas/cg-core';
import { selectTfBackend } from '@cgnas/native/tf';

import type { CgInit } from '../src/zero-cost/cg-network.js';
import { zeroCostScores, type ZeroCostInputs, type ZeroCostProxy } from '../src/zero-cost/zero-cost-scores.js';

export interface ZeroCostWorkerData {
  readonly archs: readonly string[];
  readonly batchSize: number;
  readonly proxies: readonly ZeroCostProxy[];
  readonly init: CgInit;
  readonly inputs: ZeroCostInputs;
}

export interface ZeroCostWorkerMessage {
  readonly index: number;
  readonly scores: Partial<Record<ZeroCostProxy, number>>;
  readonly backend: string;
}

const data = workerData as ZeroCostWorkerData;
const choice = await selectTfBackend();
for (const [index, arch] of data.archs.entries()) {
  const scores = zeroCostScores(nb201Graph(arch), {
    seed: 0,
    batchSize: data.batchSize,
    proxies: data.proxies,
    init: data.init,
    inputs: data.inputs,
  });
  const message: ZeroCostWorkerMessage = { index, scores, backend: choice.backend };
  parentPort!.postMessage(message);
}
