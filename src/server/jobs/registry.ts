// Every job of every module, so queues are created at migration time and workers start together.
import { channelJobs } from '../modules/channels/jobs.ts';
import { identityJobs } from '../modules/identity/jobs.ts';
import type { JobDefinition } from './define.ts';

export function allJobs(): JobDefinition[] {
  return [...channelJobs, ...identityJobs] as JobDefinition[];
}

export function allQueueNames(): string[] {
  return allJobs().map((j) => j.name);
}
