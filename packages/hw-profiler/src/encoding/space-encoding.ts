// The block view of a design space that hardware profiling needs (Mills et al., "Profiling Neural Blocks
// and Design Spaces for Mobile NAS"): an architecture is a block choice at each position (unit, layer),
// with positions beyond a unit's depth inactive, plus optional global knobs (input resolution).

/** The design spaces with device data in the repo. */
export type HwSpace = 'nb201' | 'fbnet' | 'ofa-mbv3';

export const HW_SPACES: readonly HwSpace[] = ['nb201', 'fbnet', 'ofa-mbv3'];

/** A block choice per position: an index into `blocks`, or -1 where the position is inactive. */
export interface BlockArch {
  readonly blocks: readonly number[];
  /** Unit depths (OFA: 5 stages); empty for fixed-depth spaces. */
  readonly depths: readonly number[];
  /** Input resolution where the space varies it; 0 otherwise. */
  readonly resolution: number;
}

export interface SpaceEncoding {
  readonly space: HwSpace;
  /** Block names (the choices at every position). */
  readonly blocks: readonly string[];
  /** Position labels, e.g. `e0(0→1)` or `u2.l1`. */
  readonly positions: readonly string[];
  /** Unit of each position (positions of a unit are its layers, in order). */
  readonly unitOf: readonly number[];
  /** Layer of each position within its unit. */
  readonly layerOf: readonly number[];
  /** Depth choices per unit (empty when depth is fixed). */
  readonly depthChoices: readonly number[];
  /** Resolution choices (empty when fixed). */
  readonly resolutions: readonly number[];
  /** Parses the space's native text encoding (NB-201 arch string, FBNet block list, OFA `r=…|d=…|ks=…|e=…`). */
  parse(text: string): BlockArch;
  format(arch: BlockArch): string;
  /** Draws an architecture uniformly (each block, depth and resolution independently). */
  sample(next: (n: number) => number): BlockArch;
  /** Block-at-position indicators (positions × blocks), then one-hot resolution. */
  indicators(arch: BlockArch): Float64Array;
  readonly indicatorSize: number;
}
