// The worker thread's entry (piscina): loads the TypeScript reader through tsx, as bin/yunqiao.mjs
// does for the main thread (hooks registered there do not reach worker threads).
import { register } from 'tsx/esm/api';

register();
const { readUpload } = await import('./read.ts');

export default readUpload;
