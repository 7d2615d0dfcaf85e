// The portal's build: one entry (index.html), pages split into lazy chunks, so a first visit
// loads only the shell and the page it opens (issue 9: at most 150 KB of gzipped JavaScript).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1' },
});
