import { defineConfig } from 'vitest/config';

// One vitest run over every project, so `npm test` ends with a single summary line.
export default defineConfig({
  test: {
    projects: ['native', 'packages/*', 'tools/*', 'test'],
    reporters: ['default'],
  },
});
