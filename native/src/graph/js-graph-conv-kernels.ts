// JS twin of native/cpp/graph_conv.cc: the same fused GraphConv layer and encoder stack in plain loops
// over float32 arrays. It is the fallback when the addon is missing and runs the same conformance suite.
import type {
  GraphConvBackwardArgs,
  GraphConvForwardArgs,
  GraphConvKernels,
  GraphEncoderBackwardArgs,
  GraphEncoderForwardArgs,
} from './graph-conv-kernels.js';

/** A = [x_i | Σ_{j→i} x_j] for one row into `a` (2·fin). */
function aggregateRow(
  i: number,
  fin: number,
  predPtr: Int32Array,
  predIdx: Int32Array,
  x: Float32Array,
  a: Float64Array,
): void {
  const xo = i * fin;
  for (let k = 0; k < fin; k++) {
    a[k] = x[xo + k]!;
    a[fin + k] = 0;
  }
  for (let e = predPtr[i]!; e < predPtr[i + 1]!; e++) {
    const so = predIdx[e]! * fin;
    for (let k = 0; k < fin; k++) a[fin + k]! += x[so + k]!;
  }
}

function graphConvForward(args: GraphConvForwardArgs): void {
  const { n, fin, fout, predPtr, predIdx, x, params, y } = args;
  const w = 2 * fin;
  const a = new Float64Array(w);
  const acc = new Float64Array(fout);
  const bo = w * fout;
  for (let i = 0; i < n; i++) {
    aggregateRow(i, fin, predPtr, predIdx, x, a);
    for (let o = 0; o < fout; o++) acc[o] = params[bo + o]!;
    for (let k = 0; k < w; k++) {
      const ak = a[k]!;
      if (ak === 0) continue;
      const ro = k * fout;
      for (let o = 0; o < fout; o++) acc[o]! += ak * params[ro + o]!;
    }
    const yo = i * fout;
    for (let o = 0; o < fout; o++) y[yo + o] = Math.tanh(acc[o]!);
  }
}

function graphConvBackward(args: GraphConvBackwardArgs): void {
  const { n, fin, fout, predPtr, predIdx, succPtr, succIdx, x, params, y, dy, dx, dparams } = args;
  const w = 2 * fin;
  const dZ = new Float32Array(n * fout);
  for (let i = 0; i < n * fout; i++) dZ[i] = dy[i]! * (1 - y[i]! * y[i]!);
  const dp = new Float64Array((w + 1) * fout);
  const a = new Float64Array(w);
  for (let i = 0; i < n; i++) {
    aggregateRow(i, fin, predPtr, predIdx, x, a);
    const zo = i * fout;
    for (let k = 0; k < w; k++) {
      const ak = a[k]!;
      if (ak === 0) continue;
      const ro = k * fout;
      for (let o = 0; o < fout; o++) dp[ro + o]! += ak * dZ[zo + o]!;
    }
    for (let o = 0; o < fout; o++) dp[w * fout + o]! += dZ[zo + o]!;
  }
  dparams.set(dp);
  if (!dx) return;
  // G_i = W2 dZ_i, sent back to every predecessor of i; gathered here through the successor CSR.
  const G = new Float32Array(n * fin);
  const w2 = fin * fout;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < fin; k++) {
      let s = 0;
      for (let o = 0; o < fout; o++) s += dZ[i * fout + o]! * params[w2 + k * fout + o]!;
      G[i * fin + k] = s;
    }
  }
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < fin; k++) {
      let s = 0;
      for (let o = 0; o < fout; o++) s += dZ[j * fout + o]! * params[k * fout + o]!;
      for (let e = succPtr[j]!; e < succPtr[j + 1]!; e++) s += G[succIdx[e]! * fin + k]!;
      dx[j * fin + k] = s;
    }
  }
}

function graphEncoderForward(args: GraphEncoderForwardArgs): void {
  const { n, graphs, width: F, layers, embedCols, shapeDim, embedIdx, shape, table, proj, convs, masks, acts } = args;
  const nf = n * F;
  const layerParams = (2 * F + 1) * F;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      let s = proj[shapeDim * F + f]!;
      for (let k = 0; k < shapeDim; k++) s += shape[i * shapeDim + k]! * proj[k * F + f]!;
      for (let c = 0; c < embedCols; c++) {
        const r = embedIdx[i * embedCols + c]!;
        if (r >= 0) s += table[r * F + f]!;
      }
      acts[i * F + f] = s;
    }
  }
  for (let l = 0; l < layers; l++) {
    let input = acts.subarray(l * nf, (l + 1) * nf);
    if (masks) input = maskedCopy(input, masks.subarray(l * nf, (l + 1) * nf));
    graphConvForward({
      n,
      fin: F,
      fout: F,
      predPtr: args.predPtr,
      predIdx: args.predIdx,
      x: input,
      params: convs.subarray(l * layerParams, (l + 1) * layerParams),
      y: acts.subarray((l + 1) * nf, (l + 2) * nf),
    });
  }
  const h = acts.subarray(layers * nf);
  for (let g = 0; g < graphs; g++) {
    const b = args.graphOffsets[g]!;
    const e = args.graphOffsets[g + 1]!;
    for (let f = 0; f < F; f++) {
      let s = 0;
      for (let i = b; i < e; i++) s += h[i * F + f]!;
      args.pooled[g * F + f] = e > b ? s / (e - b) : 0;
    }
  }
}

function maskedCopy(x: Float32Array, mask: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * mask[i]!;
  return out;
}

function graphEncoderBackward(args: GraphEncoderBackwardArgs): void {
  const { n, graphs, width: F, layers, embedRows, embedCols, shapeDim, embedIdx, shape, convs, masks, acts } = args;
  const nf = n * F;
  const layerParams = (2 * F + 1) * F;
  let dA = new Float32Array(nf);
  for (let g = 0; g < graphs; g++) {
    const b = args.graphOffsets[g]!;
    const e = args.graphOffsets[g + 1]!;
    for (let i = b; i < e; i++) {
      for (let f = 0; f < F; f++) dA[i * F + f] = args.dPooled[g * F + f]! / (e - b);
    }
  }
  for (let l = layers - 1; l >= 0; l--) {
    let input = acts.subarray(l * nf, (l + 1) * nf);
    const mask = masks ? masks.subarray(l * nf, (l + 1) * nf) : null;
    if (mask) input = maskedCopy(input, mask);
    const dB = new Float32Array(nf);
    graphConvBackward({
      n,
      fin: F,
      fout: F,
      predPtr: args.predPtr,
      predIdx: args.predIdx,
      succPtr: args.succPtr,
      succIdx: args.succIdx,
      x: input,
      params: convs.subarray(l * layerParams, (l + 1) * layerParams),
      y: acts.subarray((l + 1) * nf, (l + 2) * nf),
      dy: dA,
      dx: dB,
      dparams: args.dConvs.subarray(l * layerParams, (l + 1) * layerParams),
    });
    if (mask) for (let i = 0; i < nf; i++) dB[i]! *= mask[i]!;
    dA = dB;
  }
  const dTable = new Float64Array(embedRows * F);
  const dProj = new Float64Array((shapeDim + 1) * F);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) {
      const g = dA[i * F + f]!;
      dProj[shapeDim * F + f]! += g;
      for (let k = 0; k < shapeDim; k++) dProj[k * F + f]! += shape[i * shapeDim + k]! * g;
      for (let c = 0; c < embedCols; c++) {
        const r = embedIdx[i * embedCols + c]!;
        if (r >= 0) dTable[r * F + f]! += g;
      }
    }
  }
  args.dTable.set(dTable);
  args.dProj.set(dProj);
}

/** The JS implementation of the graph-convolution kernels (reference and fallback). */
export const jsGraphConvKernels: GraphConvKernels = {
  backend: 'js',
  graphConvForward,
  graphConvBackward,
  graphEncoderForward,
  graphEncoderBackward,
};
