// A digest scoring thread (scoring-pool.ts): makes its scorer from the run's parts (workerData),
// then answers each batch of subscriber rows with their outcomes, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { partsOf, type ScoringInput, scorerOf } from './scoring.ts';
import type { SubscriberRow } from './repository.ts';

const port = parentPort;
if (!port) throw new Error('scoring-thread.ts runs as a worker thread');
const score = scorerOf(partsOf(workerData as ScoringInput));
port.on('message', (m: { id: number; rows: SubscriberRow[]; skips: number[][] }) => {
  try {
    port.postMessage({ id: m.id, results: m.rows.map((row, k) => score(row, m.skips[k])) });
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
