import type { ModuleDefinition } from '../../platform/module.ts';
import { channelJobs } from './jobs.ts';
import { channelsPersonalData } from './personal-data.ts';
import { outboxBacklog } from './service.ts';

/** The outbox and its delivery adapters (SMS, WeChat, e-mail, in-app). */
export const channelsModule: ModuleDefinition = {
  name: 'channels',
  jobs: channelJobs,
  personalData: channelsPersonalData,
  // a queued delivery job names its message by (division, id); sent messages are history
  recode: { stays: { outbox: 'delivery jobs name each message by its key; sent messages are history' } },
  gauges: [{ name: 'yunqiao_outbox_backlog', help: 'Outbox messages not yet delivered', collect: outboxBacklog }],
};
