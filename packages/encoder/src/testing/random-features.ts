// Synthetic GraphFeatures for specs: random DAGs with random ops, shapes and kernels (seeded).
import type { GraphFeatures } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';

export function randomFeatures(rng: Rng, nodes: number, edgesPerNode = 1.3): GraphFeatures {
  const e = nodes > 1 ? Math.round(nodes * edgesPerNode) : 0;
  const edgeSrc = new Int32Array(e);
  const edgeDst = new Int32Array(e);
  for (let k = 0; k < e; k++) {
    const s = rng.int(nodes - 1);
    edgeSrc[k] = s;
    edgeDst[k] = Math.min(nodes - 1, s + 1 + rng.int(5));
  }
  const weighted = new Uint8Array(nodes).map(() => (rng.float() < 0.4 ? 1 : 0));
  return {
    numNodes: nodes,
    opIndex: new Int32Array(nodes).map(() => rng.int(25)),
    shape: new Float32Array(nodes * 6).map(() => rng.float()),
    kernelH: new Int32Array(nodes).map((_, i) => (weighted[i] ? 1 + 2 * rng.int(4) : 0)),
    kernelW: new Int32Array(nodes).map((_, i) => (weighted[i] ? 1 + 2 * rng.int(4) : 0)),
    bias: new Uint8Array(nodes).map((_, i) => (weighted[i] && rng.float() < 0.5 ? 1 : 0)),
    weighted,
    edgeSrc,
    edgeDst,
  };
}
