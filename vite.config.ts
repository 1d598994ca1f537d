// The web UI: root src/web, built into dist/web (served by the Fastify app), dev server proxies the API.
// The phone shell is a second build (vite.mobile.config.ts) into dist/web/m; `npm run build:web` runs both.
import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/**
 * Brotli (quality 11) and gzip (level 9) files beside every text asset over 1 KiB, written once at
 * build time (vite-plugin-compression2) and served as they are by @fastify/static's preCompressed
 * (src/server/app.ts): the server never compresses a bundle per request.
 */
export function precompress(): PluginOption {
  return compression({
    algorithms: [
      defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      defineAlgorithm('gzip', { level: 9 }),
    ],
    include: /\.(html|css|js|mjs|json|svg|txt)$/,
    threshold: 1024,
    logLevel: 'silent',
  });
}

// Where the dev/preview server forwards API calls; override to reach a server on another port.
const API = process.env.YUNQIAO_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
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
