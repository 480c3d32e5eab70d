import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@cgnas/source'] },
  ssr: { resolve: { conditions: ['@cgnas/source'] } },
  test: { name: 'cg-core', include: ['src/**/*.spec.ts'] },
});
