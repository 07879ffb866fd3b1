import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Vite 8 compiles TSX with oxc itself: no React plugin (its optional peers clash with jest's babel), no Fast Refresh.
export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(__dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
