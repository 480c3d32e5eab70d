// The non-dominated set of everything evaluated so far, with its normalised hypervolume: objectives
// are mapped to [0, 1] minimisation by fixed bounds so hypervolumes of different runs compare.
import type { FrontPoint, ObjectiveSpec } from '../strategy/search-events.js';
import { dominates } from './non-dominated-sort.js';
import { hypervolume } from './hypervolume.js';

export class ParetoArchive {
  private points: FrontPoint[] = [];

  /** `bounds[k]` = [worst-case min, max] of objective k over the space (e.g. from the oracle's table). */
  constructor(
    readonly objectives: readonly ObjectiveSpec[],
    readonly bounds: readonly (readonly [number, number])[] | null = null,
  ) {}

  /** Minimisation vector in [0, 1] per objective (or raw, sign-flipped, without bounds). */
  normalise(objectives: readonly number[]): number[] {
    return objectives.map((v, k) => {
      const max = this.objectives[k]!.sense === 'max';
      const b = this.bounds?.[k];
      if (!b) return max ? -v : v;
      const span = b[1] - b[0] || 1;
      return max ? (b[1] - v) / span : (v - b[0]) / span;
    });
  }

  /** Adds a point; true when the front changed. */
  add(point: FrontPoint): boolean {
    const p = this.normalise(point.objectives);
    const keys = this.points.map((q) => this.normalise(q.objectives));
    if (keys.some((q) => dominates(q, p) || q.every((v, k) => v === p[k]))) return false;
    this.points = this.points.filter((_, i) => !dominates(p, keys[i]!));
    this.points.push(point);
    this.points.sort((a, b) => a.objectives[0]! - b.objectives[0]! || a.id - b.id);
    return true;
  }

  get front(): readonly FrontPoint[] {
    return this.points;
  }

  /** Hypervolume of the normalised front w.r.t. (1, …, 1); null without bounds or outside 2–3 objectives. */
  hypervolume(): number | null {
    const m = this.objectives.length;
    if (!this.bounds || m < 2 || m > 3) return null;
    return hypervolume(
      this.points.map((q) => this.normalise(q.objectives)),
      new Array<number>(m).fill(1),
    );
  }
}
