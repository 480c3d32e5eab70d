// Identity of an NB-101 cell the way the benchmark keys it (nasbench `graph_util.hash_module`): WL over the
// pruned cell with op labels and directed edges, so isomorphic cells (vertex renumberings) share one key.
import { hashString, wlColours } from '../../identity/wl-colours.js';
import { pruneNb101, type Nb101Spec } from './nb101-spec.js';

/** A 14-hex-digit key of the pruned cell, equal for isomorphic cells; throws ArchError for invalid specs. */
export function nb101Hash(spec: Nb101Spec): string {
  const { matrix, ops } = pruneNb101(spec);
  const edges: [number, number][] = [];
  matrix.forEach((row, i) => row.forEach((v, j) => v && edges.push([i, j])));
  return wlColours(ops.map(hashString), edges).graphColour.toString(16).padStart(14, '0');
}
