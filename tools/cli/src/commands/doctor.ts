// `cgnas doctor`: what this machine gives cgnas (Node, tfjs backend, native addon and its SIMD).
import type { Command } from 'commander';
import { nativeStatus } from '@cgnas/native';
import { selectTfBackend } from '@cgnas/native/tf';

import type { CliContext } from '../context.js';

export interface DoctorReport {
  readonly node: string;
  readonly platform: string;
  readonly tfBackend: string;
  readonly tfBackendReason: string;
  readonly native: {
    readonly loaded: boolean;
    readonly path: string | null;
    readonly simd: string | null;
    readonly threads: number | null;
    readonly kernels: readonly string[];
    readonly reason: string | null;
  };
}

export async function doctorReport(): Promise<DoctorReport> {
  const status = nativeStatus();
  let tfBackend = 'unavailable';
  let tfBackendReason = '';
  try {
    const choice = await selectTfBackend();
    tfBackend = choice.backend;
    tfBackendReason = choice.reason;
  } catch (error) {
    tfBackendReason = error instanceof Error ? error.message : String(error);
  }
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    tfBackend,
    tfBackendReason,
    native: {
      loaded: status.hasNative,
      path: status.path,
      simd: status.info?.simd ?? null,
      threads: status.info?.threads ?? null,
      kernels: status.info?.kernels ?? [],
      reason: status.reason,
    },
  };
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('report Node version, TensorFlow.js backend, and whether the native addon loaded (and its SIMD level)')
    .option('--json', 'print the report as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const r = await doctorReport();
      if (opts.json) {
        ctx.out(JSON.stringify(r));
        return;
      }
      ctx.out(`node          ${r.node} (${r.platform})`);
      ctx.out(`tfjs backend  ${r.tfBackend} (${r.tfBackendReason})`);
      if (r.native.loaded) {
        ctx.out(`native addon  loaded: ${r.native.path}`);
        ctx.out(`  simd        ${r.native.simd}`);
        ctx.out(`  threads     ${r.native.threads}`);
        ctx.out(`  kernels     ${r.native.kernels.join(', ')}`);
      } else {
        ctx.out(`native addon  NOT loaded: ${r.native.reason}`);
        ctx.out('  fix         run `npm run build:addon -w @cgnas/native` (needs g++ and cmake)');
      }
    });
}
