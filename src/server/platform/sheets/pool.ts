// Uploaded files are read off the main thread: a piscina pool of worker threads, so that parsing a
// workbook (up to the inflate limit) never holds up other requests. One thread on a two-core
// machine (the other core serves requests and PostgreSQL), a short queue, then 503 with
// Retry-After. Each worker's heap is capped, so a file that gets past every other limit ends that
// worker, not the server. Decision 0021.
import { availableParallelism } from 'node:os';
import Piscina from 'piscina';
import { AppError } from '../../http/errors.ts';
import type { ReadTask } from './read.ts';
import type { ReadOutcome, SheetRead } from './types.ts';

/** Threads reading uploads: all cores but one, at most 4. */
export const SHEET_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Uploads waiting for a thread beyond the running ones; more are answered 503. */
export const SHEET_QUEUE = 8;
/** Old-generation heap of a reader thread, in MB. */
const WORKER_HEAP_MB = 192;

let pool: Piscina | null = null;
function thePool(): Piscina {
  pool ??= new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: SHEET_THREADS,
    maxQueue: SHEET_QUEUE,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32 },
  });
  return pool;
}

/**
 * Reads an uploaded file in a worker thread. Returns the rows, or throws AppError: the reader's
 * refusal (import_legacy_xls, import_csv_as_xlsx, import_inflated_too_large, import_bad_header,
 * import_ambiguous_sheets, import_bad_encoding, import_bad_file …), or service_unavailable (503,
 * Retry-After) when every thread is busy and the queue is full.
 */
export async function readUploadOffThread(task: ReadTask): Promise<SheetRead> {
  let outcome: ReadOutcome;
  try {
    outcome = (await thePool().run(task)) as ReadOutcome;
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/queue is at limit/i.test(message)) throw new AppError('service_unavailable', {}, [], { 'retry-after': '5' });
    // the worker ran out of its heap or died: the file is the cause
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new AppError('import_inflated_too_large', { limit: `${WORKER_HEAP_MB} MB` });
    throw new AppError('import_bad_file');
  }
  return unwrap(outcome);
}

/** The rows of a read, or its refusal thrown as AppError. */
export function unwrap(outcome: ReadOutcome): SheetRead {
  if (!outcome.ok) throw new AppError(outcome.refused as never, outcome.params ?? {});
  const { ok: _ok, ...read } = outcome;
  return read;
}

/** Ends the reader threads (tests and shutdown). */
export async function closeSheetPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
