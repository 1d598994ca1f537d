// The `yunqiao` command. With DATABASE_URL it works on that database; otherwise on the embedded
// one in YUNQIAO_DATA_DIR — connecting to the running server's PostgreSQL when there is one,
// never starting a second postmaster on the same files.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';
//
// The commands load what they use when they run (import() in each action): loading the whole
// server takes seconds of CPU, and a command that refuses its input, prints help or screens text
// needs none of it. Only light modules are imported here.
import { ConfigError, type Config, parseConfig } from '../server/config.ts';
import { startFailureLine } from '../server/db/messages.ts';
import { AppError, zodIssueDetail } from '../server/http/errors.ts';
import { bootstrapInput } from '../server/modules/identity/schemas.ts';
import { normaliseCode } from '../shared/text.ts';
import { type Locale, t } from '../server/platform/i18n.ts';
import { cliLocale, describeProblem } from '../server/platform/import-rules.ts';
import type { createRuntime, Runtime } from '../server/runtime.ts';
import type { Scale } from '../server/seed/scale/index.ts';
import { maskPhone } from '../shared/checksums.ts';
import { DIGEST_BATCH_HELP, SCALE_PART_NAMES } from './help.ts';
import { addDays, beijingDate } from '../shared/beijing-day.ts';

function config(): Config {
  try {
    return parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`yunqiao: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

/** createRuntime; when the database cannot be opened, one line saying why and exit 1 (no stack trace). */
async function openRuntime(cfg: Config, opts: Parameters<typeof createRuntime>[1] = {}): Promise<Runtime> {
  const { createRuntime } = await import('../server/runtime.ts');
  try {
    return await createRuntime(cfg, opts);
  } catch (err) {
    console.error(`yunqiao: ${startFailureLine(err, cfg.consoleLocale)}`);
    process.exit(1);
  }
}

/** Runs `fn` with a runtime whose logs stay quiet unless they are warnings. */
async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>, opts: { loadReference?: boolean } = {}): Promise<T> {
  const cfg = config();
  const { createLogger } = await import('../server/runtime.ts');
  const rt = await openRuntime(cfg, { log: createLogger({ ...cfg, logLevel: 'warn' }), poolSize: 3, ...opts });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

const program = new Command('yunqiao').description('云桥 yunqiao — HR service platform for epidemic times');

program.command('start').description('start the platform (API + web UI); embedded PostgreSQL unless DATABASE_URL is set').action(async () => {
  const { runServerUntilSignal } = await import('../server/main.ts');
  await runServerUntilSignal(config());
});

program.command('worker').description('run background jobs only (outbox delivery, sweeps), no HTTP').action(async () => {
  const cfg = config();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(sig);
  const rt = await openRuntime(cfg);
  await rt.startWorkers();
  rt.deps.log.info({ outboxFile: cfg.outboxFile }, 'worker running; messages to the outside (SMS codes, WeChat, e-mail) are simulated: appended to the outbox file');
  const stop = () => rt.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});

program.command('migrate').description('apply migrations, install the queue schema, load reference data').action(async () => {
  await withRuntime(async (rt) => {
    const p = rt.prepared;
    console.log(p?.migrations.length ? `applied: ${p.migrations.join(', ')}` : 'schema is up to date');
  });
});

program
  .command('seed')
  .description('load demo data (--demo), or a generated population for benchmarks (--scale; decision 0032)')
  .option('--demo', 'demo accounts, agencies, staff and employers')
  .option('--scale <scale>', 'a generated population: county (100 agencies, 2,000 staff, 20,000 postings, 3,000 job seekers in 五华区) or province (2,000 agencies, 40,000 staff, 1,000,000 postings, 500,000 job seekers over every county)')
  .option('--parts <parts>', `with --scale: the parts to generate, comma-separated (${SCALE_PART_NAMES.join(', ')}; default all)`)
  .option('--sessions-file <path>', 'with --scale: where the staff part writes its session tokens (default: scale-sessions.json in YUNQIAO_DATA_DIR)')
  .option('--days <n>', 'with --scale: days of check-in history (default 14)', '14')
  .option('--postings <n>', 'with --scale: how many postings the postings part makes (default: 1,000,000 province, 20,000 county)')
  .option('--seekers <n>', 'with --scale: how many job seekers the seekers part makes (default: 500,000 province, 3,000 county)')
  .option('--ads-file <path>', 'with --scale: the real ads the postings part re-samples (default ../shared/data/job-ads-2024/jobs.csv)')
  .action(async (opts: { demo?: boolean; scale?: string; parts?: string; sessionsFile?: string; days: string; adsFile?: string; postings?: string; seekers?: string }) => {
    if (!opts.demo && !opts.scale) {
      console.error('yunqiao seed: say what to seed (--demo, or --scale county|province)');
      process.exit(2);
    }
    if (opts.scale) {
      const scale = opts.scale;
      if (scale !== 'county' && scale !== 'province') fail([`yunqiao seed: --scale must be county or province, not ${scale}`]);
      const parts = (opts.parts ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const { PARTS: SCALE_PARTS, seedScale } = await import('../server/seed/scale/index.ts');
      const unknown = parts.filter((p) => !SCALE_PARTS.some((x) => x.name === p));
      if (unknown.length) fail([`yunqiao seed: unknown part ${unknown.join(', ')} (have: ${SCALE_PARTS.map((p) => p.name).join(', ')})`]);
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 0 || days > 60) fail(['yunqiao seed: --days must be a whole number from 0 to 60']);
      const postings = opts.postings === undefined ? undefined : Number(opts.postings);
      if (postings !== undefined && (!Number.isInteger(postings) || postings < 1 || postings > 10_000_000)) fail(['yunqiao seed: --postings must be a whole number from 1 to 10,000,000']);
      const seekers = opts.seekers === undefined ? undefined : Number(opts.seekers);
      if (seekers !== undefined && (!Number.isInteger(seekers) || seekers < 1 || seekers > 10_000_000)) fail(['yunqiao seed: --seekers must be a whole number from 1 to 10,000,000']);
      const cfg = config();
      const sessionsFile = opts.sessionsFile ?? join(cfg.dataDir, 'scale-sessions.json');
      try {
        await withRuntime((rt) => seedScale(rt.deps, parts, { scale: scale as Scale, sessionsFile, days, ...(opts.adsFile ? { adsFile: opts.adsFile } : {}), ...(postings || seekers ? { size: { ...(postings ? { postings } : {}), ...(seekers ? { seekers } : {}) } } : {}) }, (line) => console.log(line)));
      } catch (err) {
        fail([`yunqiao seed: ${err instanceof Error ? err.message : String(err)}`]);
      }
      return;
    }
    const { seedDemo } = await import('../server/seed/demo.ts');
    await withRuntime(async (rt) => {
      const r = await seedDemo(rt.deps);
      console.log(r.created ? `demo data created; password for every demo login: ${r.password}` : 'demo data already present');
    });
  });

const audit = program.command('audit').description('audit trail tools');
audit
  .command('verify')
  .description('check every division\'s hash chain; exits 1 naming the first bad row')
  .action(async () => {
    const { verifyAuditChains } = await import('../server/modules/audit/service.ts');
    const result = await withRuntime((rt) => verifyAuditChains(rt.deps.db, undefined, { now: rt.deps.clock.now() }));
    const erased = result.erased ? `; personal fields erased from ${result.erased} entries` : '';
    const pending = result.pending ? `; ${result.pending} entries waiting for the appender` : '';
    if (result.problems.length) {
      for (const p of result.problems) console.error(`BROKEN division ${p.divisionCode} ${p.seq === null ? 'unchained' : `seq ${p.seq}`} (id ${p.id}): ${p.problem}`);
      process.exit(1);
    } else {
      console.log(`audit trail intact: ${result.rows} rows in ${result.chains} chains${pending}${erased}`);
    }
  });

const importCmd = program.command('import').description('import reference tables and job postings');
importCmd
  .command('occupations <file>')
  .description('the full occupational classification (职业分类大典), CSV (UTF-8 or GBK) with columns code,name[,parent]; all-or-nothing')
  .action(async (file: string) => {
    // messages in the operator's language (YUNQIAO_LOCALE or LANG; zh-CN unless English), problems
    // numbered by the file line where each record starts; exit 1 without a stack trace
    const locale = cliLocale();
    const fail = (lines: string[]): never => {
      for (const line of lines) console.error(line);
      process.exit(1);
    };
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      return fail([t(locale, 'import_file_unreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) })]);
    }
    const [{ readUpload }, { importOccupations, OCCUPATION_SPEC }] = await Promise.all([import('../server/platform/sheets/read.ts'), import('../server/modules/reference/service.ts')]);
    const read = await readUpload({ format: 'csv', data, spec: OCCUPATION_SPEC });
    if (!read.ok) return fail([`${file}: ${t(locale, read.refused, read.params)}`]);
    if (read.tooMany) return fail([`${file}: ${t(locale, 'import_too_many_rows', { max: OCCUPATION_SPEC.maxRows })}`]);
    const rows = read.rows.map((r) => ({ code: r.cells.code ?? '', name: r.cells.name ?? '', parent: r.cells.parent || null, row: r.row }));
    const problems = [...read.problems, ...read.rows.flatMap((r) => r.problems)];
    try {
      const n = await withRuntime((rt) => importOccupations(rt.deps, null, rows, { requestId: 'cli', ip: 'local', locale }, problems));
      console.log(locale === 'en' ? `imported ${n} occupations` : `已导入 ${n} 个职业`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail([`${file}: ${t(locale, err.code, err.params)}`, ...err.details.map((d) => `  ${describeProblem(locale, d)}`)]);
    }
  });

importCmd
  .command('postings <file>')
  .description('job postings exported by the job platforms (CSV, UTF-8 or GBK), keyed on (发布平台, 职位自编号): new rows published after screening, changed rows updated in place, unchanged rows untouched; duplicates and refused rows reported by line (exit 1 when any row was refused)')
  .option('--batch <rows>', 'rows per statement (default 1000; 1 is row at a time, for comparison in benchmarks)')
  .action(async (file: string, opts: { batch?: string }) => {
    const locale = cliLocale();
    const batch = opts.batch === undefined ? undefined : Number(opts.batch);
    if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > 10_000)) return fail(['yunqiao import postings: --batch must be a whole number from 1 to 10000']);
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      return fail([t(locale, 'import_file_unreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) })]);
    }
    const [{ readUpload }, { importPostings, POSTINGS_SPEC }] = await Promise.all([import('../server/platform/sheets/read.ts'), import('../server/modules/market/service.ts')]);
    const read = await readUpload({ format: 'csv', data, spec: POSTINGS_SPEC });
    if (!read.ok) return fail([`${file}: ${t(locale, read.refused, read.params)}`]);
    if (read.tooMany) return fail([`${file}: ${t(locale, 'import_too_many_rows', { max: POSTINGS_SPEC.maxRows })}`]);
    const report = await withRuntime((rt) => importPostings(rt.deps, null, read, { requestId: 'cli', ip: 'local', locale }, batch ? { batch } : {}));
    for (const d of report.duplicateInFile) console.log(t(locale, 'posting_import_duplicate_id', { line: d.line, sameAs: d.sameAsLine, platform: d.platform, sourceId: d.sourceId }));
    for (const d of report.duplicates) console.log(t(locale, 'posting_import_duplicate_content', { line: d.line, sameAs: d.sameAsLine }));
    for (const p of report.problems) console.error(`  ${describeProblem(locale, p)}`);
    console.log(t(locale, 'posting_import_summary', { new: report.new, updated: report.updated, unchanged: report.unchanged, duplicates: report.duplicates.length + report.duplicateInFile.length, refused: report.problems.length }));
    console.log(JSON.stringify({ new: report.new, updated: report.updated, unchanged: report.unchanged, duplicates: report.duplicates, duplicateInFile: report.duplicateInFile, refused: report.problems.map((p) => p.row ?? null) }));
    // exitCode, not exit(): stdout to a pipe is written asynchronously and exit() would cut the report short
    if (report.problems.length) process.exitCode = 1;
  });

program
  .command('search')
  .description('job search (decision 0041)')
  .command('reindex')
  .description('write the search document of every posting whose document is missing or made by an older analyzer, in batches (start-up does the same; nothing to do costs one index probe)')
  .action(async () => {
    const { reindexSearch } = await import('../server/modules/market/service.ts');
    const n = await withRuntime((rt) => reindexSearch(rt.deps));
    console.log(JSON.stringify({ reindexed: n }));
  });

const placements = program.command('placements').description('verified placements (issue 13 M6, decision 0051)');
placements
  .command('simulate-insurance <division> <file>')
  .description('development only: write a simulated monthly insurance file (.xlsx: 身份证号, 单位统一社会信用代码, 参保年月, 险种) for the confirmed placements under a division code prefix, a 养老 and a 医疗 row for each month from the contract start; import it on the bureau\'s placements page')
  .option('--through <month>', 'the last month to write, YYYY-MM (default: this month)')
  .action(async (division: string, file: string, opts: { through?: string }) => {
    if (!/^\d{2}(\d{2}){0,2}$/.test(division)) fail(['yunqiao placements simulate-insurance: <division> must be a division code prefix (2, 4 or 6 digits)']);
    if (opts.through !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.through)) fail(['yunqiao placements simulate-insurance: --through must be a month YYYY-MM']);
    const { simulateInsurance } = await import('../server/modules/placements/service.ts');
    const r = await withRuntime((rt) => simulateInsurance(rt.deps, division, opts.through ? { throughMonth: opts.through } : {}));
    // the file holds whole ID numbers: readable by this user only (PIPL), as the outbox file
    await writeFile(file, r.file, { mode: 0o600 }).catch((err: NodeJS.ErrnoException) => fail([`yunqiao placements simulate-insurance: cannot write ${file} (${err.code ?? err.message})`]));
    console.log(JSON.stringify({ file, placements: r.placements, rows: r.rows }));
  });

const alerts = program.command('alerts').description('job alerts (issue 12, decision 0047)');
alerts
  .command('digest')
  .description('write the daily digest of a day\'s new postings now (the job runs it at 07:30 Beijing time for the day before): one digest and one message per channel per subscriber, due after their quiet hours; a day already written writes nothing new; prints the counts as JSON')
  .option('--day <day>', 'the Beijing day whose new postings to digest, YYYY-MM-DD (default: yesterday)')
  .option('--batch <n>', 'subscribers read and written at a time', DIGEST_BATCH_HELP)
  .action(async (opts: { day?: string; batch: string }) => {
    if (opts.day !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(opts.day) || Number.isNaN(Date.parse(`${opts.day}T00:00:00Z`)))) fail(['yunqiao alerts digest: --day must be a date YYYY-MM-DD']);
    const batchSize = Number(opts.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) fail(['yunqiao alerts digest: --batch must be a whole number from 1 to 100,000']);
    const { runDigest } = await import('../server/modules/alerts/service.ts');
    const run = await withRuntime((rt) => runDigest(rt.deps, { day: opts.day ?? addDays(beijingDate(rt.deps.clock.now()), -1), batchSize }));
    console.log(JSON.stringify(run));
  });
alerts
  .command('read-replies')
  .description('act now on the SMS replies in the dev file (YUNQIAO_SMS_INBOUND_FILE, one JSON line each: {"phone","text"}); TD unsubscribes; the worker does it every minute')
  .action(async () => {
    const { readReplyFile } = await import('../server/modules/alerts/service.ts');
    const counts = await withRuntime((rt) => readReplyFile(rt.deps));
    console.log(JSON.stringify(counts));
  });

program
  .command('screen [text]')
  .description('screen posting text for discrimination and unlawful demands (issue 11, decision 0045): prints {"verdict","hits"}; no database')
  .option('--jsonl', 'read one JSON string per line on stdin, write one verdict per line in the same order')
  .action(async (text: string | undefined, opts: { jsonl?: boolean }) => {
    const { screenText } = await import('../server/modules/market/screener/screen.ts');
    const verdict = (s: string) => {
      const { verdict, hits } = screenText(s);
      return JSON.stringify({ verdict, hits });
    };
    if (!opts.jsonl) {
      if (text === undefined) fail(['yunqiao: screen needs the text to judge, or --jsonl with JSON strings on stdin']);
      console.log(verdict(text));
      return;
    }
    if (text !== undefined) fail(['yunqiao: screen --jsonl reads stdin; give no text argument']);
    const { createInterface } = await import('node:readline');
    // a reader that stops early (| head) closes the pipe: stop quietly
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
    let line = 0;
    // a line that is no JSON string gets an error line in its place (the output stays aligned with
    // the input) and the exit status 1
    for await (const raw of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
      line++;
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = undefined;
      }
      if (typeof value === 'string') process.stdout.write(`${verdict(value)}\n`);
      else {
        process.stdout.write(`${JSON.stringify({ error: `line ${line}: not a JSON string` })}\n`);
        process.exitCode = 1;
      }
    }
  });

/** Lines on stderr, exit 1, no stack trace. */
function fail(lines: string[]): never {
  for (const line of lines) console.error(line);
  process.exit(1);
}

/** An AppError as the operator reads it: the message, then each detail (by file line when it has one). */
const explain = (locale: Locale, err: AppError) => [`yunqiao: ${t(locale, err.code, err.params)}`, ...err.details.map((d) => `  ${describeProblem(locale, d)}`)];

const CLI_CTX = { requestId: 'cli', ip: 'local' };

const reference = program.command('reference').description('reference tables: editions and re-coding (decision 0022)');
reference
  .command('update')
  .description('load the editions in YUNQIAO_REFERENCE_DIR (default data/reference) newer than the loaded ones; print each table\'s edition')
  .action(async () => {
    const locale = cliLocale();
    const { applyReferenceEditions } = await import('../server/modules/reference/service.ts');
    try {
      const outcomes = await withRuntime((rt) => applyReferenceEditions(rt.deps.db, rt.deps.config, { clock: rt.deps.clock, caller: { actor: null, ctx: CLI_CTX } }), { loadReference: false });
      let older = false;
      for (const o of outcomes) {
        const c = { added: 0, renamed: 0, abolished: 0, ...o.counts };
        if (o.status === 'applied') {
          const previous = o.previous ? `${o.previous.edition} (${o.previous.date})` : '—';
          console.log(t(locale, 'reference_edition_applied', { table: o.table, edition: o.edition, date: o.date, previous, added: c.added, renamed: c.renamed, abolished: c.abolished }));
        } else if (o.status === 'current') {
          console.log(t(locale, 'reference_edition_current', { table: o.table, edition: o.edition, date: o.date }));
        } else {
          older = true;
          console.error(t(locale, 'reference_edition_older', { table: o.table, edition: o.edition, date: o.date, loaded: o.previous?.edition ?? '', loadedDate: o.previous?.date ?? '' }));
        }
      }
      if (older) process.exit(1);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(explain(locale, err));
    }
  });
reference
  .command('recode <old> <new>')
  .description('move the rows of OLD, an abolished division, to NEW, its successor (agencies, employers, staff, accounts, claims, …); audited; the audit trail stays under OLD')
  .action(async (oldCode: string, newCode: string) => {
    const locale = cliLocale();
    const [from, to] = [normaliseCode(oldCode), normaliseCode(newCode)];
    for (const code of [from, to]) if (!/^\d{6}$/.test(code)) fail([`yunqiao: ${code}: ${t(locale, 'invalid_division_code')}`]);
    const { recodeDivision } = await import('../server/modules/index.ts');
    try {
      const r = await withRuntime((rt) => recodeDivision(rt.deps, from, to, { actor: null, ctx: CLI_CTX }));
      const moved = Object.entries({ ...r.moved, ...r.relinked }).map(([k, n]) => `${k} ${n}`).join(', ');
      console.log(t(locale, 'recode_done', { from, to, moved }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(explain(locale, err));
    }
  });

const account = program.command('account').description('accounts and memberships');
/** The option each input field comes from (a refusal names the option typed). */
const ACCOUNT_OPTIONS: Readonly<Record<string, string>> = {
  role: '--role',
  username: '--username',
  'person.username': '--username',
  phone: '--phone',
  'person.phone': '--phone',
  divisionCode: '--division',
  displayName: '--name',
  'person.displayName': '--name',
};
account
  .command('create')
  .description('an official with a one-time password (printed once, changed at first sign-in): the way into an empty install')
  .option('--role <role>', 'province, prefecture or county')
  .option('--username <name>', 'the sign-in name (3–32 letters, digits, . - _)')
  .option('--phone <phone>', 'a mainland mobile number: identifies the person')
  .option('--division <code>', 'prefecture and county: the six-digit division code (the province: YUNQIAO_PROVINCE)')
  .option('--name <name>', 'display name (default: the bureau\'s name)')
  .action(async (opts: { role?: string; username?: string; phone?: string; division?: string; name?: string }) => {
    // one line a refusal, in the operator's language (YUNQIAO_LOCALE or LANG), naming the option; exit 1
    const locale = cliLocale();
    const refuse = (field: string, message: string): never => {
      console.error(`yunqiao account create: ${t(locale, 'field_error', { label: ACCOUNT_OPTIONS[field] ?? field, message })}`);
      process.exit(1);
    };
    const parsed = bootstrapInput.safeParse({
      role: opts.role,
      username: opts.username,
      phone: opts.phone,
      ...(opts.division !== undefined ? { divisionCode: opts.division } : {}),
      ...(opts.name !== undefined ? { displayName: opts.name } : {}),
    }, { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const d = issue ? zodIssueDetail(locale, issue) : { field: 'role', key: 'required' };
      return refuse(d.field ?? 'role', t(locale, d.key, d.params));
    }
    const { bootstrapOfficial } = await import('../server/modules/identity/memberships.service.ts');
    try {
      const r = await withRuntime((rt) => bootstrapOfficial(rt.deps, parsed.data));
      const params = { username: r.username ?? parsed.data.username, role: t(locale, `role_${parsed.data.role}`), division: `${r.divisionCode} ${r.divisionName}`, phone: maskPhone(parsed.data.phone) };
      console.log(t(locale, r.personCreated ? 'cli_account_created' : 'cli_membership_added', params));
      if (r.oneTimePassword) console.log(t(locale, 'cli_one_time_password', { password: r.oneTimePassword }));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const d = err.details[0];
      if (d?.field) return refuse(d.field, t(locale, d.key, d.params));
      console.error(`yunqiao account create: ${t(locale, err.code, err.params)}`);
      process.exit(1);
    }
  });

await program.parseAsync(process.argv);
