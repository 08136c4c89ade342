import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig, { rendererOutDir, rendererRoot } from './renderer/vite.config.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI is built with main: it shares the services chunk, never the Electron adapter.
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          cli: resolve('electron/cli/main.ts'),
          // Worker threads, each an entry of its own (see services/workers/worker-entry.ts).
          'sync-worker': resolve('electron/services/sync/sync-worker.ts'),
          'cache-writer-worker': resolve('electron/services/sync/cache-writer-worker.ts'),
          'fetch-worker': resolve('electron/services/handover/export/fetch-worker.ts'),
          'hash-worker': resolve('electron/services/handover/bag/hash-worker.ts'),
          'attachment-text-worker': resolve('electron/services/index/attachment-text-worker.ts'),
          'message-file-writer-worker': resolve('electron/services/handover/export/message-file-writer-worker.ts'),
        },
        // Shared chunks sit beside the entries (not in chunks/): a module finds a worker entry at
        // ./<name>.js from its own import.meta.url, whichever chunk it was bundled into.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle it as one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    root: rendererRoot,
    build: {
      ...rendererConfig.build,
      outDir: rendererOutDir,
      rollupOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  },
});
