import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { libraryIndexPlugin } from './scripts/library-index-plugin';

// Browser mode: the same renderer, with the engine in a Web Worker instead of Electron main.
export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: { 'protobufjs/minimal': resolve(__dirname, 'renderer/stubs/protobufjs-minimal.js') },
  },
  define: { __BROWSER_MODE__: 'true' },
  build: { outDir: resolve(__dirname, 'out/web'), emptyOutDir: true },
  worker: { format: 'es', plugins: () => [libraryIndexPlugin(resolve(__dirname, 'scenarios'))] },
});
