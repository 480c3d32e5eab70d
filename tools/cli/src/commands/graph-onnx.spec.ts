import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fbnetFamily, importOnnx, readGraphFile, writeGraphFile } from '@cgnas/cg-core';
import { Rng } from '@cgnas/native';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';

import { writeOutput } from '../util/write-output.js';
import { captureContext } from '../testing.js';
import { registerGraphImportExport } from './graph-onnx.js';

function program(ctx: ReturnType<typeof captureContext>): Command {
  const root = new Command('cgnas').exitOverride();
  registerGraphImportExport(root.command('graph').exitOverride(), ctx);
  return root;
}

describe('cgnas graph import/export', () => {
  it('CG JSON → export ONNX → import gives the same graph; files are written whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-graph-'));
    const g = fbnetFamily.toGraph(fbnetFamily.sample(new Rng(1)));
    writeGraphFile(join(dir, 'cg.json'), g);
    const ctx = captureContext();
    await program(ctx).parseAsync([
      'node',
      'cgnas',
      'graph',
      'export',
      join(dir, 'cg.json'),
      '--onnx',
      join(dir, 'm.onnx'),
      '--seed',
      '3',
    ]);
    expect(importOnnx(readFileSync(join(dir, 'm.onnx'))).graph).toEqual(g);
    await program(ctx).parseAsync([
      'node',
      'cgnas',
      'graph',
      'import',
      join(dir, 'm.onnx'),
      '--out',
      join(dir, 'back.json'),
    ]);
    expect(readGraphFile(join(dir, 'back.json'))).toEqual(g);
    expect(ctx.stdout.at(-1)).toMatch(/back\.json: \d+ nodes/);
    expect(readdirSync(dir).sort()).toEqual(['back.json', 'cg.json', 'm.onnx']);
  });

  it('a corrupt file is a typed error naming the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cgnas-graph-'));
    writeOutput(join(dir, 'bad.onnx'), new Uint8Array([8, 1, 0x3a, 0x7f]));
    const ctx = captureContext();
    await expect(program(ctx).parseAsync(['node', 'cgnas', 'graph', 'import', join(dir, 'bad.onnx')])).rejects.toThrow(
      /OnnxImport|not a valid ONNX|no graph/,
    );
  });
});
