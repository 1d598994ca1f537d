// What the CLI's help text names without loading the modules that define it (main.ts loads them
// when a command runs); help.test.ts keeps these equal to the definitions.

/** The generated population's parts, in order (seed/scale/index.ts PARTS). */
export const SCALE_PART_NAMES = ['staff', 'checkins', 'postings', 'seekers'] as const;

/** Subscribers a digest run reads and writes at a time by default (alerts DIGEST_BATCH), as the option's default text. */
export const DIGEST_BATCH_HELP = '5000';
