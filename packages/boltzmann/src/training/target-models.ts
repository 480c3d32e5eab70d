// Target distributions of the training study (after Korenkevych et al. 2016): an easy class with
// couplings uniform in [−1, 1] scaled by β, and a hard class whose Chimera cells are strongly
// ferromagnetic clusters joined by random couplings, so single-spin chains face high barriers.
import { Rng } from '@cgnas/native';

import { BoltzmannInputError } from '../errors.js';
import { chimeraGraph } from '../model/chimera-graph.js';
import { createIsingModel, type IsingModel } from '../model/ising-model.js';

export type TargetClass = 'easy' | 'hard';

export interface TargetOptions {
  /** Chimera rows (cols = rows unless given). */
  readonly L: number;
  readonly cols?: number;
  readonly seed: number;
  /** Overall inverse temperature. Default 1. */
  readonly beta?: number;
  /** Hard class: intra-cell ferromagnetic strength (E gets −strength·s_i s_j). Default 1. */
  readonly cellStrength?: number;
}

export function targetModel(kind: TargetClass, o: TargetOptions): IsingModel {
  const beta = o.beta ?? 1;
  if (!(beta > 0) || !Number.isFinite(beta))
    throw new BoltzmannInputError(`boltzmann.targetModel: Expected a positive number for beta but received ${beta}`);
  const graph = chimeraGraph(o.L, o.cols ?? o.L);
  const rng = new Rng(o.seed, 0x7a);
  const cell = (i: number) => Math.floor(i / 8);
  switch (kind) {
    case 'easy':
      return createIsingModel(
        graph,
        Array.from({ length: graph.n }, () => beta * rng.uniform(-0.1, 0.1)),
        Array.from(graph.edgeI, () => beta * rng.uniform(-1, 1)),
      );
    case 'hard': {
      const strength = o.cellStrength ?? 1;
      return createIsingModel(
        graph,
        Array.from({ length: graph.n }, () => beta * rng.uniform(-0.05, 0.05)),
        Array.from(graph.edgeI, (i, e) =>
          cell(i) === cell(graph.edgeJ[e]!) ? -beta * strength : beta * rng.uniform(-1, 1),
        ),
      );
    }
    default: {
      const never: never = kind;
      throw new BoltzmannInputError(
        `boltzmann.targetModel: Expected 'easy' or 'hard' for kind but received ${String(never)}`,
      );
    }
  }
}
