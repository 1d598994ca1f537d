// The digest's scoring threads (issue 12, decision 0047): a run with more than one batch of
// subscribers scores them in worker threads, each holding the day's postings (scoring.ts; how many: config alerts.digestThreads, YUNQIAO_DIGEST_THREADS), so that
// scoring — most of a run's CPU — uses every core while this thread reads the next batch and writes
// the last. A thread that fails fails the run (the job is retried; digests written stay written,
// the next run skips their subscribers).
import { Worker } from 'node:worker_threads';
import type { SubscriberRow } from './repository.ts';
import type { ScoredSubscriber, ScoringInput } from './scoring.ts';

export type ScoringPool = {
  /** The outcomes of `rows`, in their order (the rows split between the threads); `skips[k]`, the positions row k never picks. Rejects when a thread fails. */
  score(rows: readonly SubscriberRow[], skips?: ReadonlyArray<readonly number[]>): Promise<ScoredSubscriber[]>;
  /** Ends the threads. */
  close(): Promise<void>;
};

type Pending = { resolve: (r: ScoredSubscriber[]) => void; reject: (e: Error) => void };

/**
 * Starts `threads` scoring threads on `input` (structured-cloned to each: the day's rows with their
 * search documents, the analyzer's divisions, the names, the corpus table). Each thread makes its
 * own scorer, which takes it a few seconds (jieba's dictionary, the index); rows sent meanwhile wait.
 */
export function startScoringPool(input: ScoringInput, threads: number): ScoringPool {
  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    const worker = new Worker(new URL('./scoring-worker.mjs', import.meta.url), { workerData: input });
    const pending = new Map<number, Pending>();
    const state = { worker, pending, failed: null as Error | null };
    const fail = (err: Error) => {
      state.failed ??= err;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    worker.on('message', (m: { id: number; results?: ScoredSubscriber[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(`digest scoring thread: ${m.error}`));
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`digest scoring thread exited (${code})`)));
    return state;
  });
  let next = 0;
  return {
    async score(rows, skips = []) {
      const size = Math.ceil(rows.length / workers.length);
      const parts = workers.map(({ worker, pending, failed }, k) => {
        const chunk = rows.slice(k * size, (k + 1) * size);
        const chunkSkips = chunk.map((_, j) => skips[k * size + j] ?? []);
        if (!chunk.length) return Promise.resolve([] as ScoredSubscriber[]);
        if (failed) return Promise.reject(failed);
        const id = next++;
        return new Promise<ScoredSubscriber[]>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, rows: chunk, skips: chunkSkips });
        });
      });
      return (await Promise.all(parts)).flat();
    },
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
