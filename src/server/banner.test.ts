// The start banner (banner.ts): a tester who signs in by SMS code must learn from it where the
// codes are written (the dev outbox file), with or without demo data, and when this process does
// not deliver them.
import { describe, expect, it } from 'vitest';
import { bannerLines } from './banner.ts';
import { parseConfig } from './config.ts';
import { DEMO_PHONES } from './seed/demo.ts';

const facts = { url: 'http://127.0.0.1:8080', dataDir: '/srv/yq/var', ms: 2900, loopbackOnly: false, outboxFile: '/srv/yq/var/outbox.jsonl', workers: true };
const seeded = { created: true, password: 'demo-pass', usernames: ['prov', 'staff-wh', 'seeker'], phones: DEMO_PHONES };

describe('the start banner', () => {
  it('names the outbox file where SMS codes are written, and how to follow it, beside the demo phones', () => {
    const text = bannerLines({ ...facts, seeded }).join('\n');
    expect(text).toContain('messages to the outside (SMS codes, WeChat, e-mail) are simulated, one JSON line each in: /srv/yq/var/outbox.jsonl');
    expect(text).toContain(`SMS codes (staff-wh ${DEMO_PHONES.staff}, seeker ${DEMO_PHONES.seeker}) appear there within seconds: tail -f /srv/yq/var/outbox.jsonl`);
    expect(text).toContain('every demo login uses the password: demo-pass');
  });

  it('names it without demo data too, and says when a worker process writes it instead', () => {
    const lines = bannerLines({ ...facts, seeded: null, workers: false, dataDir: null });
    expect(lines.filter((l) => l.includes('/srv/yq/var/outbox.jsonl'))).toHaveLength(1);
    expect(lines.join('\n')).toContain('YUNQIAO_WORKERS=0');
    expect(lines.join('\n')).not.toContain('demo');
  });

  it('the file named is the one the sink writes: YUNQIAO_OUTBOX_FILE, else outbox.jsonl in the data directory, absolute', () => {
    expect(parseConfig({ YUNQIAO_DATA_DIR: '/srv/yq/var' }).outboxFile).toBe('/srv/yq/var/outbox.jsonl');
    expect(parseConfig({ YUNQIAO_OUTBOX_FILE: '/tmp/sms.jsonl' }).outboxFile).toBe('/tmp/sms.jsonl');
  });
});
