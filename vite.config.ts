// The web UI: root src/web, built into dist/web (served by the Fastify app), dev server proxies the API.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Where the dev/preview server forwards API calls; override to reach a server on another port.
const API = process.env.YUNQIAO_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  plugins: [react()],
  server: {
    proxy: { '/api': API, '/healthz': API },
  },
  preview: {
    proxy: { '/api': API, '/healthz': API },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Pages are split by React.lazy; React and the data layer are cached apart from them.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 20 },
            { name: 'data', test: /node_modules[\\/](@tanstack|openapi-fetch|i18next|react-i18next)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
});
