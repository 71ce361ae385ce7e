import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the backend at /admin/; `npm run dev -w @caunoi/admin-ui` proxies the API to a running `npm start`.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } } },
});
