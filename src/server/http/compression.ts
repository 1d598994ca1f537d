// Compression of API answers. The web bundles are compressed once at build time (vite.config.ts,
// brotli and gzip files beside each asset) and served as they are by @fastify/static's
// preCompressed; this plugin compresses only what the API computes per request.
import compress from '@fastify/compress';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** Bodies smaller than this (bytes) go out as they are: a header costs more than it saves. */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Registers @fastify/compress on `scope` (the API's plugin context, not the static files): JSON
 * answers of at least COMPRESS_THRESHOLD bytes are sent as brotli (quality 4: about gzip's cost
 * per byte at a better ratio; 11 would spend ~50× the CPU on a 2-core server) or gzip, whichever
 * the client prefers; `Vary: Accept-Encoding` is set. Streams (file downloads) and binary types
 * (xlsx is already a zip) are left alone by the content-type check.
 */
export async function registerCompression(scope: FastifyInstance): Promise<void> {
  await scope.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESS_THRESHOLD,
    // JSON, plus what mime-db calls compressible (CSV); not octet-stream, which the plugin's own
    // default list would squeeze, nor xlsx (a zip already)
    customTypes: /^application\/(?:[\w.+-]+\+)?json\b/,
    brotliOptions: { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    // request bodies are not inflated: uploads come as they are (and a zip bomb stays a file)
    globalDecompression: false,
  });
}
