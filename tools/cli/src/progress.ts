// Progress display for long CLI work: a redrawn bar on a terminal, sparse plain lines otherwise
// (CI logs, pipes), so logs stay readable and terminals stay live.
import cliProgress from 'cli-progress';

import type { CliContext } from './context.js';

export interface Progress {
  update(fraction: number, status: string): void;
  stop(finalLine?: string): void;
}

export function createProgress(ctx: CliContext, label: string): Progress {
  if (ctx.interactive) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label.padEnd(22)} [{bar}] {percentage}% | {status}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1000, 0, { status: '' });
    return {
      update: (fraction, status) => bar.update(Math.round(Math.min(1, Math.max(0, fraction)) * 1000), { status }),
      stop: (finalLine) => {
        bar.update(1000);
        bar.stop();
        if (finalLine) ctx.err(finalLine);
      },
    };
  }
  let lastPrinted = -1;
  let lastTime = 0;
  return {
    update: (fraction, status) => {
      const pct = Math.floor(fraction * 10) * 10;
      const now = Date.now();
      if (pct > lastPrinted || now - lastTime > 15_000) {
        lastPrinted = pct;
        lastTime = now;
        ctx.err(`${label}: ${Math.round(fraction * 100)}% ${status}`);
      }
    },
    stop: (finalLine) => {
      if (finalLine) ctx.err(finalLine);
    },
  };
}
