// The line a failed start ends in: in the console's language, one line, saying what to do.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config.ts';
import { StartupError, startFailureLine } from './messages.ts';

describe('start failure lines', () => {
  it('pick the console language from LC_ALL, LC_MESSAGES, LANG (first set wins); Chinese unless English is named', () => {
    const locale = (env: Record<string, string>) => parseConfig(env).consoleLocale;
    expect(locale({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(locale({ LANG: 'en' })).toBe('en');
    expect(locale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(locale({ LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(locale({})).toBe('zh-CN');
    expect(locale({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(locale({ LC_MESSAGES: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(locale({ LANG: 'eo.UTF-8' })).toBe('zh-CN'); // Esperanto is not English
  });

  it('say what failed and what to do, in either language, on one line', () => {
    const err = new StartupError('pg_home_unreachable', { user: 'postgres', dir: '/srv/closed/pg' });
    expect(startFailureLine(err, 'en')).toBe(
      'could not start: the system user postgres cannot enter /srv/closed/pg (a parent directory is closed to other users). Choose a directory other users can enter with YUNQIAO_PG_HOME',
    );
    expect(startFailureLine(err, 'zh-CN')).toBe('无法启动：系统用户 postgres 无法进入 /srv/closed/pg（某一级上级目录对其他用户关闭）。请用 YUNQIAO_PG_HOME 选一个其他用户可以进入的目录');
    expect(err.message).toContain('cannot enter /srv/closed/pg'); // English in logs
  });

  it('a taken port names the port; any other error keeps only the first line of its message', () => {
    const taken = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' });
    expect(startFailureLine(taken, 'zh-CN', 8080)).toBe('无法启动：端口 8080 已被占用（用 PORT 指定其他端口）');
    expect(startFailureLine(taken, 'en', 8080)).toBe('could not start: port 8080 is already in use (set PORT to another port)');
    const multi = new Error('connect ECONNREFUSED 127.0.0.1:1\n    at TCPConnectWrap.afterConnect');
    expect(startFailureLine(multi, 'en')).toBe('could not start: connect ECONNREFUSED 127.0.0.1:1');
  });
});
