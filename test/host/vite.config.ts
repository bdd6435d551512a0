import path from 'node:path';
import { defineConfig } from 'vite';

/** TEST ONLY: builds the test host's bridge (test/host/bridge.ts) to out/host/bridge.js as one classic script. */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: path.resolve(import.meta.dirname, '../../out/host'),
    emptyOutDir: true,
    target: 'es2023',
    lib: {
      entry: path.resolve(import.meta.dirname, 'bridge.ts'),
      formats: ['iife'],
      name: 'tgcodeBridge',
      fileName: () => 'bridge.js',
    },
  },
});
