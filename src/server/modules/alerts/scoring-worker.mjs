// The digest scoring thread's entry (scoring-pool.ts): loads the TypeScript through tsx, as
// bin/yunqiao.mjs does for the main thread (hooks registered there do not reach worker threads).
import { register } from 'tsx/esm/api';

register();
await import('./scoring-thread.ts');
