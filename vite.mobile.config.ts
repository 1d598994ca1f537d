// The phone shell: root src/mobile, served under /m/ (its own index.html), built into dist/web/m
// after the desks' build (vite.config.ts). antd-mobile is imported per component
// (antd-mobile/es/components/<name>); src/mobile/bundle.test.ts fails when antd, @ant-design/icons
// or the antd-mobile barrel reach this bundle. Dev: `npx vite -c vite.mobile.config.ts` → /m/.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite.config.ts';

const API = process.env.YUNQIAO_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./src/mobile', import.meta.url)),
  base: '/m/',
  plugins: [react(), precompress()],
  server: { port: 5174, proxy: { '/api': API, '/healthz': API } },
  preview: { port: 4174, proxy: { '/api': API, '/healthz': API } },
  build: {
    outDir: fileURLToPath(new URL('./dist/web/m', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // which modules make each chunk: the bundle check reads it
    manifest: true,
    // budget: the whole first load is ≤ 150 KiB on the wire (bench/pages.bench.ts)
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 }],
        },
      },
    },
  },
});
