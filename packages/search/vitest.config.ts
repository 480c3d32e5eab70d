import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@cgnas/source'] },
  ssr: { resolve: { conditions: ['@cgnas/source'] } },
  test: { name: 'search', include: ['src/**/*.spec.ts'], testTimeout: 30_000 },
});
