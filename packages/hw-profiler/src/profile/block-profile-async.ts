// Block profiling (Mills et al.) where the metric is asynchronous — live latency measured on this
// machine. Same plan and summary as blockProfile, so a seed gives the same architectures either way.
import type { BlockArch, SpaceEncoding } from '../encoding/space-encoding.js';
import {
  planBlockProfile,
  summarizeBlockProfile,
  type BlockProfile,
  type BlockProfileOptions,
  type ProfileMetric,
} from './block-profile.js';

export async function blockProfileAsync(
  enc: SpaceEncoding,
  metrics: readonly ProfileMetric[],
  evaluate: (arch: BlockArch) => Promise<readonly number[]>,
  options: BlockProfileOptions = {},
): Promise<BlockProfile> {
  const { onProgress, ...rest } = options;
  const plan = planBlockProfile(enc, metrics, rest);
  const batches = [plan.baseline, ...plan.cells.flat().map((c) => c.archs)];
  const results = new Map<readonly BlockArch[], (readonly number[])[]>();
  // Networks are measured one at a time: concurrent runs would time each other.
  for (const batch of batches) {
    const vals: (readonly number[])[] = [];
    for (const a of batch) vals.push(await evaluate(a));
    results.set(batch, vals);
    onProgress?.(results.size, batches.length);
  }
  return summarizeBlockProfile(enc, metrics, plan, (archs) => results.get(archs)!, rest);
}
