import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { encodingFor } from '../encoding/encoding-for.js';
import { HwInputError } from '../errors.js';
import { parseMeasuredCsv } from './parse-measured-csv.js';

describe('parseMeasuredCsv', () => {
  it('reads NB-201 arch strings and quoted OFA archs containing commas', () => {
    const nb = parseMeasuredCsv(
      'arch_str,latency_ms\n|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|,3.5\n',
      'nb201',
    );
    expect(nb).toHaveLength(1);
    expect(nb[0]!.arch.blocks).toEqual([3, 0, 0, 0, 0, 1]);
    const ofa = encodingFor('ofa-mbv3');
    const a = ofa.sample(() => 0);
    const rows = parseMeasuredCsv(`latency_ms,arch\n7.25,"${ofa.format(a)}"\n`, 'ofa-mbv3');
    expect(rows[0]!.arch.blocks).toEqual(a.blocks);
    expect(rows[0]!.latencyMs).toBe(7.25);
  });

  it('round-trips any FBNet arch and positive latency through CSV text', () => {
    const enc = encodingFor('fbnet');
    fc.assert(
      fc.property(
        fc.array(fc.nat(8), { minLength: 22, maxLength: 22 }),
        fc.double({ min: 0.001, max: 1e4, noNaN: true }),
        (blocks, lat) => {
          const text = `blocks,latency_ms\n${enc.format({ blocks, depths: [], resolution: 0 })},${lat}\n`;
          const [row] = parseMeasuredCsv(text, 'fbnet');
          expect(row!.arch.blocks).toEqual(blocks);
          expect(row!.latencyMs).toBe(lat);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects missing columns, bad archs and non-positive latencies with HwInputError', () => {
    expect(() => parseMeasuredCsv('', 'nb201')).toThrow(HwInputError);
    expect(() => parseMeasuredCsv('foo,latency_ms\nx,1\n', 'nb201')).toThrow(HwInputError);
    expect(() => parseMeasuredCsv('arch_str,latency_ms\nnot-an-arch,1\n', 'nb201')).toThrow(HwInputError);
    expect(() =>
      parseMeasuredCsv('arch_str,latency_ms\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,-1\n', 'nb201'),
    ).toThrow(HwInputError);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(() => parseMeasuredCsv(`arch_str,latency_ms\n${s},2\n`, 'nb201')).toThrow(HwInputError);
      }),
      { numRuns: 50 },
    );
  });
});
