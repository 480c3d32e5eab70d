// The mobile inverted bottleneck (MobileNetV2 §3.3, MobileNetV3 §5 with squeeze-and-excitation), as
// OFA's `MBConvLayer` + `ResidualBlock` build it: [1x1 expand, BN, act] → kxk depthwise, BN, act →
// [SE] → 1x1 project, BN → (+ identity when stride 1 and channels match).
import type { GraphBuilder } from '../../graph/graph-builder.js';

export type MobileAct = 'relu' | 'relu6' | 'hswish';

export interface MbConvSpec {
  readonly outC: number;
  readonly k: number;
  readonly stride: number;
  /** Channels after the expansion; equal to the input channels means no expansion conv. */
  readonly mid: number;
  readonly act: MobileAct;
  /** Squeeze-and-excitation with this many reduced channels (OFA: makeDivisible(mid / 4)). */
  readonly seChannels?: number;
  /** Add the identity shortcut (only valid when stride 1 and channels match). */
  readonly residual: boolean;
  /** Whether the 1x1 expansion conv exists (OFA/Proxyless drop it at expand ratio 1; FBNet keeps it). */
  readonly expand: boolean;
  /** Groups of both 1x1 convs (FBNet's `_g2` blocks). */
  readonly pwGroups?: number;
  readonly label?: string;
}

/** Appends one activation node. */
export function activation(b: GraphBuilder, x: number, act: MobileAct): number {
  switch (act) {
    case 'relu':
      return b.unary('relu', x);
    case 'relu6':
      return b.unary('relu6', x);
    case 'hswish':
      return b.unary('hswish', x);
    default: {
      const never: never = act;
      throw new Error(`cg-core.activation: unknown activation ${String(never)}`);
    }
  }
}

/** Conv (no bias) → BN → activation, OFA's `ConvLayer`. */
export function convBnAct(
  b: GraphBuilder,
  x: number,
  spec: { outC: number; k: number; stride?: number; groups?: number; act?: MobileAct | null; label?: string },
): number {
  let y = b.conv(x, {
    outC: spec.outC,
    k: spec.k,
    stride: spec.stride ?? 1,
    groups: spec.groups ?? 1,
    bias: false,
    ...(spec.label ? { label: spec.label } : {}),
  });
  y = b.batchnorm(y);
  return spec.act ? activation(b, y, spec.act) : y;
}

/** Squeeze-and-excitation as OFA's `SEModule`: spatial mean → 1x1 (bias) → ReLU → 1x1 (bias) → h-sigmoid → scale. */
export function squeezeExcite(b: GraphBuilder, x: number, reduced: number): number {
  const c = b.shape(x).c;
  let s = b.globalPool(x, 'mean');
  s = b.relu(b.conv(s, { outC: reduced, k: 1, bias: true }));
  s = b.unary('hsigmoid', b.conv(s, { outC: c, k: 1, bias: true }));
  return b.mul([x, s]);
}

export function mbConv(b: GraphBuilder, x: number, spec: MbConvSpec): number {
  const pwGroups = spec.pwGroups ?? 1;
  let y = x;
  if (spec.expand) y = convBnAct(b, y, { outC: spec.mid, k: 1, groups: pwGroups, act: spec.act });
  y = convBnAct(b, y, {
    outC: spec.mid,
    k: spec.k,
    stride: spec.stride,
    groups: spec.mid,
    act: spec.act,
    ...(spec.label ? { label: spec.label } : {}),
  });
  if (spec.seChannels !== undefined) y = squeezeExcite(b, y, spec.seChannels);
  y = convBnAct(b, y, { outC: spec.outC, k: 1, groups: pwGroups, act: null });
  return spec.residual ? b.add([y, x]) : y;
}
