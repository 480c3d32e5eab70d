// NAS-Bench-201 as an ArchFamily (sample, mutate, toGraph, native encoding = the arch string), so search,
// the CLI and the encoder treat it like every other family.
import type { ArchFamily } from '../mobile/arch-family.js';
import { ArchError } from '../arch-error.js';
import { formatNb201Arch, parseNb201Arch } from './nb201-arch.js';
import { nb201Graph } from './nb201-graph.js';
import { mutateNb201, sampleNb201 } from './nb201-space.js';

function parse(encoded: unknown): string {
  // Accept the bare string or a data-file row {"arch_str": ...}.
  const s =
    typeof encoded === 'object' && encoded !== null && !Array.isArray(encoded)
      ? (encoded as { arch_str?: unknown }).arch_str
      : encoded;
  if (typeof s !== 'string') {
    throw new ArchError(
      `cg-core.nb201Family.parse: Expected an arch string or {"arch_str": ...} but received ${JSON.stringify(encoded)?.slice(0, 120)}`,
    );
  }
  return formatNb201Arch(parseNb201Arch(s));
}

export const nb201Family: ArchFamily<string> = {
  name: 'nb201',
  parse,
  encode: (arch) => arch,
  toGraph: (arch) => nb201Graph(arch),
  sample: (rng) => sampleNb201(rng),
  mutate: (arch, rng) => mutateNb201(arch, rng),
};
