import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Main's dependencies are bundled in, so the package carries only the code that runs, not whole
      // packages (libphonenumber-js's every metadata set, zod's sources): node_modules stays out of the asar.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'electron/main/index.ts') } },
    },
    // The update feed is part of the build (see electron/core/update/update-feed.ts).
    define: { 'import.meta.env.TGCODE_UPDATE_URL': JSON.stringify(process.env.TGCODE_UPDATE_URL ?? '') },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages, so zod and the contract are bundled in, and it
      // must be CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves output unminified; the renderer's size is a target (≤ 200 KB gzip).
      minify: true,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
});
