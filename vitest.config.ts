import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// 'electron' is aliased to a stub in every test project: importing the real
// package would try to download the Electron binary, which this machine cannot.
const electronStub = fileURLToPath(new URL('./test/support/electron-stub.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { electron: electronStub } },
  test: {
    projects: [
      {
        extends: true,
        // test/renderer: the renderer's own logic (no DOM needed), type-checked with the web project.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/renderer/**/*.test.ts'],
          environment: 'node',
          // A bound for a hung test, not a speed check: on a loaded CI machine the first ESLint or
          // openssl run of a file can take well over vitest's default 5 s.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.ts', 'test/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A loaded 2-core machine renders slowly: wait up to 10 s for the UI to settle, not vitest's 1 s.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
