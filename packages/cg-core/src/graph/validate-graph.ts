// Checks every rule of the CG model on a graph from anywhere (builder, JSON, ONNX): a DAG in forward
// order, no dangling nodes, known ops and fields, and shapes that agree along every edge.
import type { CgNode, ComputationGraph } from './computation-graph.js';
import { GraphValidationError } from './graph-errors.js';
import { isOpType, KERNEL_OPS, MULTI_INPUT_OPS } from './op-types.js';

const NODE_FIELDS = new Set([
  'id',
  'op',
  'inH',
  'inW',
  'inC',
  'outH',
  'outW',
  'outC',
  'kh',
  'kw',
  'stride',
  'pads',
  'groups',
  'dilation',
  'bias',
  'affine',
  'label',
]);

function fail(message: string, node: number | null = null): never {
  throw new GraphValidationError(`cg-core.validateGraph: ${message}`, node);
}

function positiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

function checkNode(n: CgNode, index: number): void {
  if (typeof n !== 'object' || n === null) fail(`node ${index} is not an object`, index);
  for (const key of Object.keys(n)) {
    if (!NODE_FIELDS.has(key))
      fail(`node ${index} has unknown field "${key}"; allowed: ${[...NODE_FIELDS].join(', ')}`, index);
  }
  if (n.id !== index) fail(`node at position ${index} has id ${n.id}; ids must equal positions`, index);
  if (!isOpType(n.op)) fail(`node ${index} has unknown op ${JSON.stringify(n.op)}; map it to "<oov>"`, index);
  for (const f of ['inH', 'inW', 'inC', 'outH', 'outW', 'outC'] as const) {
    if (!positiveInt(n[f]))
      fail(`node ${index} (${n.op}) has ${f} = ${String(n[f])}; expected a positive integer`, index);
  }
  for (const f of ['kh', 'kw', 'stride', 'groups', 'dilation'] as const) {
    if (n[f] !== undefined && !positiveInt(n[f])) fail(`node ${index} (${n.op}) has ${f} = ${String(n[f])}`, index);
  }
  if (
    n.pads !== undefined &&
    !(Array.isArray(n.pads) && n.pads.length === 4 && n.pads.every((p) => Number.isInteger(p) && p >= 0))
  ) {
    fail(`node ${index} (${n.op}) has pads ${JSON.stringify(n.pads)}; expected [top, left, bottom, right]`, index);
  }
  if (n.bias !== undefined && typeof n.bias !== 'boolean') fail(`node ${index} has a non-boolean bias`, index);
  if (n.affine !== undefined && (typeof n.affine !== 'boolean' || n.op !== 'batchnorm')) {
    fail(`node ${index} (${n.op}) has affine = ${String(n.affine)}; only batchnorm nodes take a boolean affine`, index);
  }
  if (KERNEL_OPS.has(n.op) && (n.kh === undefined || n.kw === undefined)) {
    fail(`node ${index} (${n.op}) lacks its kernel size kh/kw`, index);
  }
}

/** Expected output H, W of a windowed op from its input and attributes. */
function windowShape(n: CgNode): [number, number] {
  const pads = n.pads ?? [0, 0, 0, 0];
  const d = n.dilation ?? 1;
  const s = n.stride ?? 1;
  return [
    Math.floor((n.inH + pads[0] + pads[2] - d * (n.kh! - 1) - 1) / s) + 1,
    Math.floor((n.inW + pads[1] + pads[3] - d * (n.kw! - 1) - 1) / s) + 1,
  ];
}

function checkShapes(n: CgNode, inputs: readonly CgNode[]): void {
  const id = n.id;
  const shape = (x: { outH: number; outW: number; outC: number }) => `${x.outH}x${x.outW}x${x.outC}`;
  if (MULTI_INPUT_OPS.has(n.op)) {
    if (n.op === 'concat') {
      const c = inputs.reduce((sum, p) => sum + p.outC, 0);
      for (const p of inputs) {
        if (p.outH !== n.inH || p.outW !== n.inW)
          fail(`concat node ${id} gets ${shape(p)} from node ${p.id} but expects ${n.inH}x${n.inW}`, id);
      }
      if (c !== n.inC || n.outC !== c || n.outH !== n.inH || n.outW !== n.inW) {
        fail(`concat node ${id} has inC ${n.inC}/outC ${n.outC} but its inputs sum to ${c} channels`, id);
      }
    } else {
      for (const p of inputs) {
        const broadcast = p.outH === 1 && p.outW === 1 && p.outC === n.inC;
        if (!broadcast && (p.outH !== n.inH || p.outW !== n.inW || p.outC !== n.inC)) {
          fail(`${n.op} node ${id} expects ${n.inH}x${n.inW}x${n.inC} but node ${p.id} gives ${shape(p)}`, id);
        }
      }
      if (n.outH !== n.inH || n.outW !== n.inW || n.outC !== n.inC) fail(`${n.op} node ${id} changes its shape`, id);
    }
    return;
  }
  if (n.op === 'input') return;
  // An `<oov>` op may take any number of inputs and reshape freely: its shapes are taken as given.
  if (n.op === '<oov>') return;
  if (inputs.length !== 1) fail(`${n.op} node ${id} has ${inputs.length} inputs; it takes exactly 1`, id);
  const p = inputs[0]!;
  if (p.outH !== n.inH || p.outW !== n.inW || p.outC !== n.inC) {
    fail(`${n.op} node ${id} expects input ${n.inH}x${n.inW}x${n.inC} but node ${p.id} gives ${shape(p)}`, id);
  }
  switch (n.op) {
    case 'conv':
    case 'depthwise':
    case 'maxpool':
    case 'avgpool': {
      const [h, w] = windowShape(n);
      if (h !== n.outH || w !== n.outW)
        fail(`${n.op} node ${id} outputs ${n.outH}x${n.outW} but its kernel/stride/pads give ${h}x${w}`, id);
      const g = n.groups ?? 1;
      if ((n.op === 'conv' || n.op === 'depthwise') && (n.inC % g !== 0 || n.outC % g !== 0)) {
        fail(`${n.op} node ${id}: channels ${n.inC}->${n.outC} not divisible by groups ${g}`, id);
      }
      if (n.op === 'depthwise' && !(g === n.inC && g === n.outC))
        fail(`depthwise node ${id} needs groups = inC = outC`, id);
      if ((n.op === 'maxpool' || n.op === 'avgpool') && n.outC !== n.inC)
        fail(`${n.op} node ${id} changes channels`, id);
      return;
    }
    case 'global':
    case 'mean':
      if (n.outH !== 1 || n.outW !== 1 || n.outC !== n.inC) fail(`${n.op} node ${id} must output 1x1x${n.inC}`, id);
      return;
    case 'matmul':
      if (n.outH !== 1 || n.outW !== 1) fail(`matmul node ${id} must output 1x1xF`, id);
      return;
    case 'paddings': {
      const pads = n.pads ?? [0, 0, 0, 0];
      if (n.outH !== n.inH + pads[0] + pads[2] || n.outW !== n.inW + pads[1] + pads[3] || n.outC !== n.inC) {
        fail(`paddings node ${id} output does not match its pads`, id);
      }
      return;
    }
    case 'output':
    case 'batchnorm':
    case 'relu':
    case 'relu6':
    case 'sigmoid':
    case 'tanh':
    case 'swish':
    case 'gelu':
    case 'identity':
    case 'zero':
    case 'hswish':
    case 'hsigmoid':
    case '<reserved-1>':
    case '<reserved-2>':
    case '<reserved-3>':
      if (n.outH !== n.inH || n.outW !== n.inW || n.outC !== n.inC) fail(`${n.op} node ${id} changes its shape`, id);
      return;
    case 'add':
    case 'mul':
    case 'concat':
      return;
    default: {
      const never: never = n.op;
      fail(`unhandled op ${String(never)}`, id);
    }
  }
}

/** Throws GraphValidationError naming the first rule broken; returns the graph otherwise. */
export function validateGraph(graph: ComputationGraph): ComputationGraph {
  if (typeof graph !== 'object' || graph === null || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
    fail('expected an object with "nodes" and "edges" arrays');
  }
  const nodes = graph.nodes;
  if (nodes.length === 0) fail('the graph has no nodes');
  nodes.forEach(checkNode);
  const n = nodes.length;
  const preds: number[][] = nodes.map(() => []);
  const succ: number[][] = nodes.map(() => []);
  const seen = new Set<number>();
  for (const e of graph.edges) {
    if (!Array.isArray(e) || e.length !== 2) fail(`edge ${JSON.stringify(e)} is not a [src, dst] pair`);
    const [s, d] = e as [number, number];
    if (!Number.isInteger(s) || !Number.isInteger(d) || s < 0 || d < 0 || s >= n || d >= n) {
      fail(`edge [${s}, ${d}] refers to a node outside 0..${n - 1}`);
    }
    if (s === d) fail(`edge [${s}, ${d}] is a self-loop (a cycle at node ${s})`, s);
    const key = s * n + d;
    if (seen.has(key)) fail(`edge [${s}, ${d}] appears twice`, d);
    seen.add(key);
    preds[d]!.push(s);
    succ[s]!.push(d);
  }
  // Cycles first (a clearer message than "not in forward order"): Kahn's algorithm.
  const indeg = preds.map((p) => p.length);
  const queue = indeg.flatMap((d, i) => (d === 0 ? [i] : []));
  let visited = 0;
  while (queue.length > 0) {
    const v = queue.pop()!;
    visited++;
    for (const w of succ[v]!) if (--indeg[w]! === 0) queue.push(w);
  }
  if (visited < n) {
    const onCycle = indeg.findIndex((d) => d > 0);
    fail(`the graph has a cycle through node ${onCycle} (${nodes[onCycle]!.op}); a CG must be acyclic`, onCycle);
  }
  for (const [s, d] of graph.edges) {
    if (s > d) fail(`edge [${s}, ${d}] points backwards; number nodes in a topological order`, d);
  }
  let inputs = 0;
  let outputs = 0;
  for (const node of nodes) {
    const p = preds[node.id]!;
    const sc = succ[node.id]!;
    if (node.op === 'input') {
      inputs++;
      if (p.length > 0) fail(`input node ${node.id} has incoming edges`, node.id);
    } else if (p.length === 0) {
      fail(`node ${node.id} (${node.op}) is dangling: it has no inputs`, node.id);
    }
    if (node.op === 'output') {
      outputs++;
      if (sc.length > 0) fail(`output node ${node.id} has outgoing edges`, node.id);
    } else if (sc.length === 0) {
      fail(`node ${node.id} (${node.op}) is dangling: nothing consumes its output; connect it or remove it`, node.id);
    }
    checkShapes(
      node,
      p.map((i) => nodes[i]!),
    );
  }
  if (inputs === 0) fail('the graph has no input node');
  if (outputs === 0) fail('the graph has no output node');
  return graph;
}
