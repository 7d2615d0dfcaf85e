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
  // `npm run web:dev`: hot reload, with config.json and the local sign-in from a running
  // `npm start` (its portal: line; PORTAL_STACK to name another).
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(['/config.json', '/_local'].map((path) => [path, process.env.PORTAL_STACK ?? 'http://127.0.0.1:5173'])),
  },
});
