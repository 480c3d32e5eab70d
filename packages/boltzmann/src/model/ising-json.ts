// JSON form of an Ising problem, for files the CLI reads and writes:
// {"format":"cgnas-ising","version":1,"n":…,"edges":[[i,j],…],"h":[…],"J":[…]}.
import { BoltzmannFormatError, BoltzmannInputError } from '../errors.js';
import { createIsingGraph, createIsingModel, type IsingModel } from './ising-model.js';

export const ISING_JSON_FORMAT = 'cgnas-ising';

export function isingToJson(model: IsingModel): string {
  return JSON.stringify({
    format: ISING_JSON_FORMAT,
    version: 1,
    n: model.n,
    edges: Array.from(model.edgeI, (i, e) => [i, model.edgeJ[e]!]),
    h: Array.from(model.h),
    J: Array.from(model.J),
  });
}

function bad(what: string, param: string, value: unknown): never {
  const shown = typeof value === 'string' ? value : JSON.stringify(value)?.slice(0, 60);
  throw new BoltzmannFormatError(`boltzmann.isingFromJson: Expected ${what} for ${param} but received ${shown}`);
}

function numberArray(value: unknown, param: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    bad('an array of finite numbers', param, value);
  }
  return value as number[];
}

export function isingFromJson(text: string): IsingModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    bad('valid JSON', 'text', (error as Error).message);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) bad('an object', 'the document', data);
  const d = data as Record<string, unknown>;
  if (d.format !== ISING_JSON_FORMAT) bad(`"${ISING_JSON_FORMAT}"`, 'format', d.format);
  if (d.version !== 1) bad('1', 'version', d.version);
  if (typeof d.n !== 'number' || !Number.isInteger(d.n) || d.n < 1 || d.n > 1_000_000)
    bad('an integer in [1, 1e6]', 'n', d.n);
  if (!Array.isArray(d.edges)) bad('an array of [i, j] pairs', 'edges', d.edges);
  const edges = (d.edges as unknown[]).map((e, k) => {
    if (!Array.isArray(e) || e.length !== 2 || !e.every((v) => Number.isInteger(v)))
      bad('an [i, j] pair of integers', `edges[${k}]`, e);
    return e as [number, number];
  });
  const h = numberArray(d.h, 'h');
  const J = numberArray(d.J, 'J');
  try {
    // The edge order in the file is the order of J; the model sorts edges, so J follows its edge.
    const n = d.n as number;
    const graph = createIsingGraph(n, edges);
    const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
    const byKey = new Map<number, number>();
    edges.forEach(([i, j], k) => byKey.set(key(i, j), J[k] ?? NaN));
    if (J.length !== edges.length) bad(`${edges.length} couplings (one per edge)`, 'J', `${J.length} values`);
    return createIsingModel(
      graph,
      h,
      Array.from(graph.edgeI, (i, e) => byKey.get(key(i, graph.edgeJ[e]!))!),
    );
  } catch (error) {
    if (error instanceof BoltzmannInputError)
      throw new BoltzmannFormatError(error.message.replace(/^boltzmann\.\w+:/, 'boltzmann.isingFromJson:'));
    throw error;
  }
}
