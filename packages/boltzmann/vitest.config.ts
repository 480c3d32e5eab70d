import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@cgnas/source'] },
  ssr: { resolve: { conditions: ['@cgnas/source'] } },
  // The statistical tests run thousands of chains, also on the JS twin; on the shared 2-core machine
  // under load a 1-second test can take 5–10 s of wall time, so the default 5 s limit is too tight.
  test: { name: 'boltzmann', include: ['src/**/*.spec.ts'], testTimeout: 30_000 },
});
