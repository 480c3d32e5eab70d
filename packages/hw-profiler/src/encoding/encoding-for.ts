// Picks the block encoding of a design space by its command-line name.
import { HwInputError } from '../errors.js';
import { fbnetEncoding } from './fbnet-encoding.js';
import { nb201Encoding } from './nb201-encoding.js';
import { ofaMbv3Encoding } from './ofa-mbv3-encoding.js';
import { HW_SPACES, type HwSpace, type SpaceEncoding } from './space-encoding.js';

export function encodingFor(space: HwSpace): SpaceEncoding {
  switch (space) {
    case 'nb201':
      return nb201Encoding;
    case 'fbnet':
      return fbnetEncoding;
    case 'ofa-mbv3':
      return ofaMbv3Encoding;
    default: {
      const never: never = space;
      throw new HwInputError(
        `hw-profiler.encodingFor: Expected one of ${HW_SPACES.join(', ')} for space but received ${String(never)}`,
      );
    }
  }
}
