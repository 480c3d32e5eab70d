// tfjs / Keras LayersModel JSON (`model.json` from tfjs-converter or `model.toJSON()`) → Computation Graph.
// Follows the Keras topology format (tfjs-layers `src/engine/topology.ts`, channels_last): each layer
// becomes CG ops; fused activations become their own nodes; unknown layers become reported `<oov>` nodes.
import type { ComputationGraph, Pads } from '../graph/computation-graph.js';
import { GraphBuilder } from '../graph/graph-builder.js';
import { GraphBuildError, GraphValidationError } from '../graph/graph-errors.js';
import { TfjsImportError } from './tfjs-import-error.js';

export interface TfjsImportOptions {
  /** H, W, C when the input layer's shape is not fully given (null: take it from the JSON). */
  readonly inputShape: { readonly h: number; readonly w: number; readonly c: number } | null;
}

export const TFJS_IMPORT_DEFAULTS: TfjsImportOptions = { inputShape: null };

export interface UnmappedTfjsLayer {
  readonly className: string;
  readonly layerName: string;
  readonly cgNode: number;
}

export interface TfjsImportResult {
  readonly graph: ComputationGraph;
  readonly unmappedLayers: readonly UnmappedTfjsLayer[];
}

interface LayerJson {
  readonly class_name: string;
  readonly name?: string;
  readonly config: Record<string, unknown>;
  readonly inbound_nodes?: unknown;
}

type Value = { id: number; rank: number };

const FOLDED = new Set(['Flatten', 'Reshape', 'Dropout', 'SpatialDropout2D', 'GaussianNoise', 'Permute']);

function fail(message: string): never {
  throw new TfjsImportError(`cg-core.importTfjsLayers: ${message}`);
}

function pair(v: unknown, name: string, layer: string): [number, number] {
  const a = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(a) || a.length !== 2 || !a.every((x) => Number.isInteger(x) && x >= 1)) {
    fail(`layer "${layer}" has ${name} ${JSON.stringify(v)}; expected a positive integer or a pair`);
  }
  return [a[0] as number, a[1] as number];
}

/** TensorFlow SAME padding (extra pixel at the bottom/right) or VALID. */
function tfPads(padding: unknown, inH: number, inW: number, k: [number, number], s: number, d: number): Pads {
  if (padding !== 'same') return [0, 0, 0, 0];
  const total = (n: number, kk: number) => Math.max((Math.ceil(n / s) - 1) * s + (kk - 1) * d + 1 - n, 0);
  const th = total(inH, k[0]);
  const tw = total(inW, k[1]);
  return [Math.floor(th / 2), Math.floor(tw / 2), th - Math.floor(th / 2), tw - Math.floor(tw / 2)];
}

/** Names of the layers feeding a functional-model layer (Keras 2 list form and Keras 3 dict form). */
function inboundNames(layer: LayerJson): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  const first: unknown = nodes[0];
  if (Array.isArray(first)) return first.map((e) => (Array.isArray(e) ? String(e[0]) : ''));
  const names: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const hist = (v as { config?: { keras_history?: unknown } }).config?.keras_history;
      if (Array.isArray(hist)) names.push(String(hist[0]));
      else Object.values(v).forEach(walk);
    }
  };
  walk((first as { args?: unknown }).args ?? first);
  return names;
}

/** Parses a LayersModel JSON (string or object: the full model.json or just its modelTopology). */
export function importTfjsLayers(json: unknown, options: Partial<TfjsImportOptions> = {}): TfjsImportResult {
  const opts = { ...TFJS_IMPORT_DEFAULTS, ...options };
  let obj = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json) as unknown;
    } catch (e) {
      fail(`the text is not JSON (${(e as Error).message}); pass the contents of model.json`);
    }
  }
  if (typeof obj !== 'object' || obj === null) fail(`Expected a model.json object but received ${typeof obj}`);
  const rec = obj as Record<string, unknown>;
  const topo = (rec.modelTopology ?? rec) as Record<string, unknown>;
  const model = (topo.model_config ?? topo) as { class_name?: unknown; config?: unknown };
  const className = model.class_name;
  const cfg = model.config as { name?: string; layers?: unknown } | unknown[] | undefined;
  const layers = (Array.isArray(cfg) ? cfg : cfg?.layers) as LayerJson[] | undefined;
  if (
    (className !== 'Sequential' && className !== 'Model' && className !== 'Functional') ||
    !Array.isArray(layers) ||
    layers.length === 0 ||
    !layers.every(
      (l) => l && typeof l === 'object' && typeof l.class_name === 'string' && l.config && typeof l.config === 'object',
    )
  ) {
    fail(
      'the JSON is not a LayersModel topology (expected class_name Sequential/Model/Functional with config.layers); graph models (tf.saved_model) need tfjs-converter --output_format=tfjs_layers_model or ONNX',
    );
  }
  try {
    const conf = Array.isArray(cfg) ? undefined : (cfg as { name?: string; output_layers?: unknown } | undefined);
    const outs = Array.isArray(conf?.output_layers)
      ? conf.output_layers.map((o: unknown) => String(Array.isArray(o) ? o[0] : o))
      : null;
    return convert(className === 'Sequential', layers, conf?.name ?? '', outs, opts);
  } catch (e) {
    if (e instanceof GraphBuildError || e instanceof GraphValidationError) {
      fail(`the layer shapes are inconsistent (${e.message}); check the model's input shape`);
    }
    throw e;
  }
}

function convert(
  sequential: boolean,
  layers: readonly LayerJson[],
  name: string,
  outputNames: string[] | null,
  opts: TfjsImportOptions,
): TfjsImportResult {
  const b = new GraphBuilder({ family: 'tfjs', ...(name ? { name } : {}) });
  const values = new Map<string, Value>();
  const unmappedLayers: UnmappedTfjsLayer[] = [];
  let prev: Value | null = null;
  const consumed = new Set<string>();

  const makeInput = (layer: LayerJson): Value => {
    const c = layer.config;
    const shape = (c.batch_input_shape ??
      c.batch_shape ??
      (c.input_shape ? [null, ...(c.input_shape as unknown[])] : null)) as unknown[] | null;
    if (opts.inputShape)
      return {
        id: b.input(opts.inputShape.h, opts.inputShape.w, opts.inputShape.c, layer.config.name as string),
        rank: 4,
      };
    if (
      Array.isArray(shape) &&
      shape.length === 4 &&
      shape.slice(1).every((v) => Number.isInteger(v) && (v as number) > 0)
    ) {
      const [, h, w, ch] = shape as number[];
      return { id: b.input(h!, w!, ch!, (layer.config.name as string | undefined) ?? 'input'), rank: 4 };
    }
    if (Array.isArray(shape) && shape.length === 2 && Number.isInteger(shape[1])) {
      return { id: b.input(1, 1, shape[1] as number, 'input'), rank: 2 };
    }
    return fail(
      `input shape ${JSON.stringify(shape)} is not [batch, H, W, C] with fixed sizes; pass options.inputShape`,
    );
  };

  for (const [index, layer] of layers.entries()) {
    const c = layer.config;
    const lname = (layer.name ?? (c.name as string | undefined) ?? `layer${index}`).toString();
    const cls = layer.class_name;
    let inputs: Value[];
    if (cls === 'InputLayer') {
      const v = makeInput(layer);
      values.set(lname, v);
      prev = v;
      continue;
    }
    if (sequential) {
      if (!prev) prev = makeInput(layer);
      inputs = [prev];
    } else {
      inputs = inboundNames(layer).map((n) => {
        const v = values.get(n);
        if (!v)
          fail(`layer "${lname}" reads "${n}", which is not an earlier layer; layers must be in topological order`);
        consumed.add(n);
        return v;
      });
      if (inputs.length === 0) fail(`layer "${lname}" has no inbound nodes`);
    }
    const x = inputs[0]!;
    const s = b.shape(x.id);
    let id: number;
    let rank = x.rank;
    const oov = (): number => {
      const out = b.opaque(
        inputs.map((v) => v.id),
        s,
        cls,
      );
      unmappedLayers.push({ className: cls, layerName: lname, cgNode: out });
      return out;
    };
    const act = (y: number, a: unknown): number => {
      switch (a ?? 'linear') {
        case 'linear':
          return y;
        case 'relu':
          return b.unary('relu', y);
        case 'relu6':
          return b.unary('relu6', y);
        case 'sigmoid':
          return b.unary('sigmoid', y);
        case 'hard_sigmoid':
          return b.unary('hsigmoid', y);
        case 'tanh':
          return b.unary('tanh', y);
        case 'swish':
        case 'silu':
          return b.unary('swish', y);
        case 'gelu':
          return b.unary('gelu', y);
        default: {
          const out = b.opaque([y], b.shape(y), `activation:${String(a)}`);
          unmappedLayers.push({ className: `Activation(${String(a)})`, layerName: lname, cgNode: out });
          return out;
        }
      }
    };
    switch (cls) {
      case 'Conv2D':
      case 'DepthwiseConv2D':
      case 'SeparableConv2D': {
        const k = pair(c.kernel_size, 'kernel_size', lname);
        const [st, st2] = pair(c.strides ?? 1, 'strides', lname);
        const [d, d2] = pair(c.dilation_rate ?? 1, 'dilation_rate', lname);
        if (st !== st2 || d !== d2) {
          id = oov();
          break;
        }
        if (c.data_format === 'channels_first')
          fail(`layer "${lname}" is channels_first; convert the model to channels_last`);
        const pads = tfPads(c.padding, s.h, s.w, k, st, d);
        const bias = c.use_bias !== false;
        if (cls === 'Conv2D') {
          id = b.conv(x.id, {
            outC: Number(c.filters),
            kh: k[0],
            kw: k[1],
            stride: st,
            dilation: d,
            pads,
            groups: Number(c.groups ?? 1),
            bias,
          });
        } else {
          const dm = Number(c.depth_multiplier ?? 1);
          id = b.conv(x.id, {
            outC: s.c * dm,
            kh: k[0],
            kw: k[1],
            stride: st,
            dilation: d,
            pads,
            groups: s.c,
            bias: cls === 'DepthwiseConv2D' && bias,
          });
          if (cls === 'SeparableConv2D') id = b.conv(id, { outC: Number(c.filters), k: 1, bias });
        }
        id = act(id, c.activation);
        break;
      }
      case 'Dense': {
        const units = Number(c.units);
        const bias = c.use_bias !== false;
        // Keras Dense on a feature map acts per pixel: a 1x1 conv; on a vector it is the CG matmul.
        id = x.rank === 4 && s.h * s.w > 1 ? b.conv(x.id, { outC: units, k: 1, bias }) : b.matmul(x.id, units, bias);
        if (x.rank !== 4 || s.h * s.w === 1) rank = 2;
        id = act(id, c.activation);
        break;
      }
      case 'BatchNormalization':
        id = b.unary('batchnorm', x.id);
        break;
      case 'ReLU':
        id = c.max_value === 6 ? b.unary('relu6', x.id) : c.max_value == null ? b.unary('relu', x.id) : oov();
        break;
      case 'Activation':
        id = act(x.id, c.activation);
        break;
      case 'Add':
      case 'Multiply':
        id = b.combine(
          cls === 'Add' ? 'add' : 'mul',
          inputs.map((v) => v.id),
        );
        break;
      case 'Concatenate': {
        const axis = c.axis ?? -1;
        id = axis === -1 || axis === 3 ? b.concat(inputs.map((v) => v.id)) : oov();
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D': {
        const k = pair(c.pool_size ?? 2, 'pool_size', lname);
        const [st] = pair(c.strides ?? k, 'strides', lname);
        if (k[0] !== k[1]) {
          id = oov();
          break;
        }
        const spec = { k: k[0], stride: st, pads: tfPads(c.padding, s.h, s.w, k, st, 1) };
        id = cls === 'MaxPooling2D' ? b.maxpool(x.id, spec) : b.avgpool(x.id, spec);
        break;
      }
      case 'GlobalAveragePooling2D':
        id = b.globalPool(x.id, 'global');
        if (!c.keepdims) rank = 2;
        break;
      case 'ZeroPadding2D': {
        const p = c.padding ?? 1;
        const pp =
          typeof p === 'number'
            ? [
                [p, p],
                [p, p],
              ]
            : (p as number[][]).map((q) => (typeof q === 'number' ? [q, q] : q));
        id = b.paddings(x.id, [pp[0]![0]!, pp[1]![0]!, pp[0]![1]!, pp[1]![1]!]);
        break;
      }
      default:
        if (FOLDED.has(cls)) {
          values.set(lname, { id: x.id, rank: cls === 'Flatten' ? 2 : x.rank });
          prev = values.get(lname)!;
          continue;
        }
        id = oov();
    }
    const v = { id, rank };
    values.set(lname, v);
    prev = v;
  }
  if (!prev) fail('the model has no layers after its input');
  if (sequential) b.output(prev.id);
  else {
    // Functional outputs: config.output_layers, else the layers nobody consumes.
    const names = outputNames ?? [...values.keys()].filter((n) => !consumed.has(n));
    const ids = names.map((n) => {
      const v = values.get(n);
      if (!v) fail(`output layer "${n}" is not a layer of the model`);
      return v.id;
    });
    for (const id of new Set(ids)) b.output(id);
  }
  return { graph: b.build(), unmappedLayers };
}
