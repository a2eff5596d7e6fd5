import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { libraryIndexPlugin } from './scripts/library-index-plugin';

export default defineConfig({
  main: {
    plugins: [libraryIndexPlugin(resolve(__dirname, 'scenarios'))],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    // The renderer also bundles browser mode's engine Worker, which lists the built-in library.
    worker: { format: 'es', plugins: () => [libraryIndexPlugin(resolve(__dirname, 'scenarios'))] },
    // DDSketch imports protobufjs only for serialisation, which the app never calls.
    resolve: {
      alias: { 'protobufjs/minimal': resolve(__dirname, 'renderer/stubs/protobufjs-minimal.js') },
    },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
