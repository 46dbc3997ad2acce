// Helpers shared by the integration and browser tests: they start the real
// `comptoir` binary (COMPTOIR_BIN) against a throw-away SQLite file or a fresh
// PostgreSQL database, and talk to it over real sockets.
//
// Why raw node:http/node:net instead of fetch: fetch pools keep-alive sockets
// behind our back (flaky when the server closes idle ones) and normalises the
// request target, which would hide the malformed requests we want to send.
import assert from 'node:assert/strict';
import { spawn, execFile, execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';

const execFileP = promisify(execFile);

/** The repository root: the server reads themes/, locales/ and migrations/ relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Generous because the debug binary runs under ASan+UBSan on a 2-core machine. */
export const STARTUP_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 20_000;

/** Path of the binary under test: COMPTOIR_BIN, else the first build/<preset>/comptoir found. */
export function binaryPath() {
    if (process.env.COMPTOIR_BIN) return process.env.COMPTOIR_BIN;
    for (const preset of ['debug', 'ci', 'release']) {
        const candidate = path.join(REPO_ROOT, 'build', preset, 'comptoir');
        if (existsSync(candidate)) return candidate;
    }
    const buildDir = path.join(REPO_ROOT, 'build');
    if (existsSync(buildDir)) {
        for (const entry of readdirSync(buildDir)) {
            const candidate = path.join(buildDir, entry, 'comptoir');
            if (existsSync(candidate)) return candidate;
        }
    }
    throw new Error('comptoir binary not found: set COMPTOIR_BIN or build it (cmake --preset debug)');
}

/** A fresh temporary directory, removed when the test process exits. */
export function tempDir(prefix = 'comptoir-test-') {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

// Children and directories still alive when the test process exits (a failed
// assertion skipped a stop()) must not outlive it.
const liveChildren = new Set();
const cleanups = new Set();
process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    for (const cleanup of cleanups) {
        try {
            cleanup();
        } catch {
            // best effort at exit
        }
    }
});

/**
 * The environment for a child: ours without any COMPTOIR_* variable (so the
 * developer's shell cannot change what a test sees), plus `extra`.
 */
export function childEnv(extra = {}) {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (!key.startsWith('COMPTOIR_')) env[key] = value;
    }
    // Keep sanitizer reports readable and make leaks fail the process.
    env.ASAN_OPTIONS ??= 'detect_leaks=1:abort_on_error=0';
    env.UBSAN_OPTIONS ??= 'print_stacktrace=1:halt_on_error=1';
    for (const [key, value] of Object.entries(extra)) {
        if (value === undefined || value === null) delete env[key];
        else env[key] = String(value);
    }
    return env;
}

/** Runs `comptoir <args>` to completion: {code, signal, stdout, stderr}. */
export function runCli(args, { env = {}, cwd = REPO_ROOT, timeoutMs = 120_000 } = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(binaryPath(), args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
        liveChildren.add(child);
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`comptoir ${args.join(' ')} timed out after ${timeoutMs} ms\nstderr: ${stderr}`));
        }, timeoutMs);
        child.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            liveChildren.delete(child);
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/** Asserts a CLI run exited 0, showing its output when it did not. */
export function assertSuccess(result, what) {
    assert.equal(result.code, 0, `${what} exited ${result.code} (signal ${result.signal})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
}

// ---------------------------------------------------------------- databases

async function psql(url, sql) {
    const { stdout } = await execFileP('psql', [url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    return stdout;
}

function pgUrlFor(database) {
    const url = new URL(process.env.COMPTOIR_TEST_PG_URL);
    url.pathname = `/${database}`;
    return url.toString();
}

let databaseCounter = 0;

/**
 * The database backends every integration test runs against: SQLite always,
 * PostgreSQL when COMPTOIR_TEST_PG_URL names a server. Each `create()` gives
 * an empty database {url, kind, drop()}.
 */
export function backends() {
    const list = [
        {
            name: 'sqlite',
            async create() {
                const dir = tempDir('comptoir-db-');
                const file = path.join(dir, 't.db');
                return { kind: 'sqlite', url: `sqlite:${file}`, file, async drop() {} };
            },
        },
    ];
    if (process.env.COMPTOIR_TEST_PG_URL) {
        list.push({
            name: 'postgres',
            async create() {
                const name = `comptoir_t_${process.pid}_${++databaseCounter}_${Math.random().toString(36).slice(2, 8)}`;
                await psql(process.env.COMPTOIR_TEST_PG_URL, `CREATE DATABASE ${name}`);
                const url = pgUrlFor(name);
                const dropSql = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`;
                // Dropped at exit at the latest, even when a test failed half-way.
                const dropAtExit = () =>
                    execFileSync('psql', [process.env.COMPTOIR_TEST_PG_URL, '-X', '-q', '-c', dropSql], { stdio: 'ignore' });
                cleanups.add(dropAtExit);
                const drop = async () => {
                    cleanups.delete(dropAtExit);
                    // Its trail goes with it: keep a copy for the run's secrets check first.
                    await dumpAuditTrail({ kind: 'postgres', url }, auditDumpFile('postgres', 'dropped'));
                    await psql(process.env.COMPTOIR_TEST_PG_URL, dropSql);
                };
                return { kind: 'postgres', url, name, drop };
            },
        });
    }
    return list;
}

/**
 * Declares `describe(<backend>)` for every backend with `body(backend)`. When
 * COMPTOIR_TEST_REQUIRE_PG=1 and no PostgreSQL is configured, adds a failing test
 * instead of silently testing SQLite alone.
 */
export function forEachBackend(title, body) {
    for (const backend of backends()) describe(`${title} [${backend.name}]`, () => body(backend));
    if (!process.env.COMPTOIR_TEST_PG_URL && process.env.COMPTOIR_TEST_REQUIRE_PG === '1') {
        test(`${title} [postgres]`, () => assert.fail('COMPTOIR_TEST_REQUIRE_PG=1 but COMPTOIR_TEST_PG_URL is not set'));
    }
}

/** Row count of every table of the database, {table: count}: to see what a command changed. */
export async function tableCounts(db) {
    const counts = {};
    if (db.kind === 'postgres') {
        const tables = (await psql(db.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
            .split('\n')
            .filter(Boolean);
        for (const table of tables) counts[table] = Number(await psql(db.url, `SELECT count(*) FROM "${table}"`));
        return counts;
    }
    const sqlite = async (sql) => (await execFileP('sqlite3', ['-readonly', '-cmd', '.timeout 10000', db.file, sql])).stdout;
    const tables = (await sqlite("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY 1"))
        .split('\n')
        .filter(Boolean);
    for (const table of tables) counts[table] = Number(await sqlite(`SELECT count(*) FROM "${table}"`));
    return counts;
}

/** Whether tableCounts can inspect this backend on this machine. */
export function canCountTables(db) {
    if (db.kind === 'postgres') return true;
    return ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].some((p) => existsSync(p));
}

/** Creates a database, migrates it and loads the demo data; returns {db, seedOutput}. */
export async function seededDatabase(backend) {
    const db = await backend.create();
    assertSuccess(await runCli(['migrate'], { env: { COMPTOIR_DATABASE_URL: db.url } }), 'migrate');
    const seed = await runCli(['seed-demo'], { env: { COMPTOIR_DATABASE_URL: db.url } });
    assertSuccess(seed, 'seed-demo');
    return { db, seedOutput: seed.stdout + seed.stderr };
}

// ------------------------------------------------------- run's log directory

/** Default log directories (see testLogDir) older than this are left-overs of past runs. */
const STALE_LOG_DIR_MS = 12 * 3600 * 1000;
const DEFAULT_LOG_DIR_PREFIX = 'comptoir-test-logs-';

let logDir = null;

/**
 * The directory where every server of this test run leaves its output
 * (*.server-N.log) and, once stopped, its audit trail (*.audit-*.txt), and
 * where the helpers record each secret they handle (secrets-PID.jsonl):
 * zz-secrets.test.mjs, the last file of the run, searches the former for the
 * latter. COMPTOIR_TEST_LOG_DIR when set (scripts/run-tests sets one for the
 * whole ctest run, so the integration and browser tests share it); otherwise
 * one directory per `node --test` run, named after the runner's pid, because
 * each test file runs in its own child process of that runner.
 */
export function testLogDir() {
    if (logDir) return logDir;
    if (process.env.COMPTOIR_TEST_LOG_DIR) {
        logDir = process.env.COMPTOIR_TEST_LOG_DIR;
        mkdirSync(logDir, { recursive: true, mode: 0o700 });
    } else if (process.env.NODE_TEST_CONTEXT) {
        logDir = path.join(os.tmpdir(), `${DEFAULT_LOG_DIR_PREFIX}${process.ppid}`);
        mkdirSync(logDir, { recursive: true, mode: 0o700 });
        removeStaleLogDirs();
    } else {
        // A file run on its own (`node file.test.mjs`): nobody reads its logs after it.
        logDir = tempDir(DEFAULT_LOG_DIR_PREFIX + 'solo-');
    }
    return logDir;
}

/** Removes default log directories of runs long gone (kept until then to read after a failure). */
function removeStaleLogDirs() {
    const now = Date.now();
    for (const name of readdirSync(os.tmpdir())) {
        if (!/^comptoir-test-logs-\d+$/.test(name)) continue;
        const dir = path.join(os.tmpdir(), name);
        try {
            const stat = statSync(dir);
            if (stat.uid === process.getuid() && now - stat.mtimeMs > STALE_LOG_DIR_MS) rmSync(dir, { recursive: true, force: true });
        } catch {
            // another run removed it first, or it is not ours
        }
    }
}

/** This test file's name, to tell which file left a log behind. */
function testFileTag() {
    return path.basename(process.argv[1] ?? 'node').replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Appends to a file of the log directory, creating the directory again if a run removed it. */
function appendToLog(file, text) {
    try {
        appendFileSync(file, text, { mode: 0o600 });
    } catch (err) {
        if (err.code !== 'ENOENT') throw err;
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        appendFileSync(file, text, { mode: 0o600 });
    }
}

/**
 * Secrets shorter than this are not recorded: a short string (a 6-digit TOTP
 * code, "short") shows up in any log by chance, so searching for it proves nothing.
 */
export const MIN_RECORDED_SECRET_LENGTH = 8;
const recordedSecrets = new Set();

/**
 * Records a secret a test handled (`kind` says what it is: "password",
 * "TOTP secret"…) in the log directory, for zz-secrets.test.mjs to make sure
 * no server output or audit trail of the run contains it.
 */
export function recordSecret(kind, value) {
    if (typeof value !== 'string' || value.length < MIN_RECORDED_SECRET_LENGTH) return;
    const key = `${kind}\n${value}`;
    if (recordedSecrets.has(key)) return;
    recordedSecrets.add(key);
    appendToLog(path.join(testLogDir(), `secrets-${process.pid}.jsonl`), JSON.stringify({ kind, value, by: testFileTag() }) + '\n');
}

let serverCounter = 0;
let dumpCounter = 0;

/** Where the audit trail of a `kind` database goes, `why` telling when it was read ("server-3", "dropped"). */
function auditDumpFile(kind, why) {
    return path.join(testLogDir(), `${testFileTag()}.${process.pid}.${kind}.audit-${why}-${++dumpCounter}.txt`);
}

/**
 * Writes the audit trail of `db` to `file` (one row a line), for the secrets
 * check. A failure is written next to it (`file`.error) so that the check
 * reports a trail it could not read instead of passing without it.
 */
async function dumpAuditTrail(db, file) {
    if (db.kind !== 'postgres' && !db.file) {
        writeFileSync(`${file}.error`, `no audit trail read: not a database from backends() (${db.kind})\n`, { mode: 0o600 });
        return;
    }
    if (db.kind === 'sqlite' && !existsSync(db.file)) return; // removed by its test: no trail left to leak
    const [command, args] =
        db.kind === 'postgres'
            ? ['psql', [db.url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', 'SELECT * FROM audit_log ORDER BY id']]
            : ['sqlite3', ['-readonly', '-cmd', '.timeout 10000', db.file, 'SELECT * FROM audit_log ORDER BY id']];
    const out = openSync(file, 'w', 0o600);
    try {
        await new Promise((resolve, reject) => {
            // Straight to the file: a shared database's trail can be large.
            const child = spawn(command, args, { stdio: ['ignore', out, 'pipe'] });
            let stderr = '';
            child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
            child.on('error', reject);
            child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}: ${stderr.trim()}`))));
        });
    } catch (err) {
        // No trail to search: a database its test dropped (drop() dumped it
        // first), or one never migrated as far as the audit trail.
        const noTrail = /FATAL: +database "[^"]+" does not exist|relation "audit_log" does not exist|no such table: audit_log/;
        if (!noTrail.test(err.message)) {
            writeFileSync(`${file}.error`, `could not read the audit trail of ${db.kind} database: ${err.message}\n`, { mode: 0o600 });
        }
    } finally {
        closeSync(out);
    }
}

// ------------------------------------------------------------------ servers

export const TEST_SECRET_KEY = '5ec2e7c0ffee0000000000000000000000000000000000000000000000000001';

/** Mail goes to the test SMTP sink when the test services run. */
export function smtpEnv() {
    const port = process.env.COMPTOIR_TEST_SMTP_PORT;
    if (!port) return {};
    return { COMPTOIR_SMTP_HOST: '127.0.0.1', COMPTOIR_SMTP_PORT: port, COMPTOIR_SMTP_SECURITY: 'none' };
}

/**
 * Starts `comptoir serve` on 127.0.0.1:<free port> against `db.url` and waits
 * for its `listening on http://HOST:PORT` line. `env` adds/overrides variables
 * (COMPTOIR_ACCESS_LOG defaults to off). Returns a handle:
 *   {url, host, port, proc, stdout(), stderr(), stdoutLines(), signal(sig), stop(), waitExit()}
 * The server's output is also written to testLogDir(), and once it has
 * exited, waitExit() (and so stop()) writes the database's audit trail there.
 */
export async function startServer({ db, env = {}, launcher }) {
    recordSecret('server secret key (COMPTOIR_SECRET_KEY)', env.COMPTOIR_SECRET_KEY ?? TEST_SECRET_KEY);
    // `launcher`: a script run with the binary's path that ends up serving (scripts/run-demo).
    const child = spawn(launcher ?? binaryPath(), launcher ? [binaryPath()] : ['serve'], {
        cwd: REPO_ROOT,
        env: childEnv({
            COMPTOIR_DATABASE_URL: db.url,
            COMPTOIR_LISTEN: '127.0.0.1:0',
            COMPTOIR_ACCESS_LOG: 'off',
            // Every server of a test run seals secrets with the same key, so
            // several nodes on one database understand each other.
            COMPTOIR_SECRET_KEY: TEST_SECRET_KEY,
            ...smtpEnv(),
            ...env,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveChildren.add(child);
    let stdout = '';
    let stderr = '';
    // Everything the server prints also goes to the run's log directory, where
    // zz-secrets.test.mjs looks for the secrets the tests handled.
    const logBase = path.join(testLogDir(), `${testFileTag()}.${process.pid}.${db.kind ?? 'db'}`);
    const serverNumber = ++serverCounter;
    const logFile = `${logBase}.server-${serverNumber}.log`;
    // An access log written to a file of the test's own is copied next to it once the server stopped.
    const accessLog = env.COMPTOIR_ACCESS_LOG && !['off', 'stdout'].includes(env.COMPTOIR_ACCESS_LOG) ? env.COMPTOIR_ACCESS_LOG : null;
    appendToLog(logFile, '');
    child.stdout.setEncoding('utf8').on('data', (d) => {
        stdout += d;
        appendToLog(logFile, d);
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
        stderr += d;
        appendToLog(logFile, d);
    });
    let auditDumped = null;
    const dumpAudit = () =>
        (auditDumped ??= (async () => {
            if (accessLog && existsSync(accessLog)) copyFileSync(accessLog, `${logBase}.server-${serverNumber}.access.log`);
            await dumpAuditTrail(db, auditDumpFile(db.kind ?? 'db', `server-${serverNumber}`));
        })());
    const exited = new Promise((resolve) =>
        child.on('close', (code, signal) => {
            liveChildren.delete(child);
            resolve({ code, signal });
        }),
    );

    const address = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`comptoir serve did not print "listening on" within ${STARTUP_TIMEOUT_MS} ms\nstderr: ${stderr}`));
        }, STARTUP_TIMEOUT_MS);
        const check = () => {
            const match = /listening on http:\/\/([^\s/]+):(\d+)/.exec(stderr);
            if (match) {
                clearTimeout(timer);
                resolve({ host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) });
            }
        };
        child.stderr.on('data', check);
        child.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        exited.then(({ code, signal }) => {
            clearTimeout(timer);
            reject(new Error(`comptoir serve exited (code ${code}, signal ${signal}) before listening\nstderr: ${stderr}`));
        });
    });
    assert.ok(address.port > 0, 'listening on a real port');

    const server = {
        ...address,
        url: `http://127.0.0.1:${address.port}`,
        proc: child,
        stdout: () => stdout,
        stderr: () => stderr,
        stdoutLines: () => stdout.split('\n').filter((line) => line.trim() !== ''),
        signal: (sig) => child.kill(sig),
        /** Resolves {code, signal} when the process ends; kills it after `timeoutMs`. */
        async waitExit(timeoutMs = STOP_TIMEOUT_MS) {
            let timer;
            const timeout = new Promise((resolve) => {
                timer = setTimeout(() => {
                    child.kill('SIGKILL');
                    resolve({ code: null, signal: 'SIGKILL', timedOut: true });
                }, timeoutMs);
            });
            const result = await Promise.race([exited, timeout]);
            clearTimeout(timer);
            await dumpAudit();
            return result;
        },
        /** SIGTERM, then the exit status. */
        async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return server.waitExit();
        },
    };
    return server;
}

/** Asserts a server stopped by stop()/waitExit() exited 0 on its own. */
export function assertCleanExit(result, server) {
    assert.ok(!result.timedOut, `server did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM\nstderr: ${server.stderr()}`);
    assert.equal(result.code, 0, `server exit code ${result.code} signal ${result.signal}\nstderr: ${server.stderr()}`);
}

/**
 * Inside a describe: before() creates a seeded database (one per test file and
 * backend, shared by the servers of that file) and starts a server; after()
 * stops it and asserts a clean exit. Returns an object that holds the server's
 * handle once before() ran (`s.url`, `s.port`, `s.stdoutLines()`, `s.seedOutput`…).
 */
export function useServer(backend, { env = {}, freshDatabase = false } = {}) {
    const holder = {};
    before(async () => {
        const { db, seedOutput } = freshDatabase ? await seededDatabase(backend) : await sharedDatabase(backend);
        Object.assign(holder, await startServer({ db, env }), { db, seedOutput });
    }, { timeout: 5 * STARTUP_TIMEOUT_MS });
    after(async () => {
        if (!holder.proc) return;
        assertCleanExit(await holder.stop(), holder);
    }, { timeout: STOP_TIMEOUT_MS + 5_000 });
    return holder;
}

const sharedDatabases = new Map();
/** One migrated and seeded database per backend for this test process (dropped when it exits). */
export function sharedDatabase(backend) {
    if (!sharedDatabases.has(backend.name)) sharedDatabases.set(backend.name, seededDatabase(backend));
    return sharedDatabases.get(backend.name);
}

// --------------------------------------------------------------------- HTTP

/**
 * One HTTP request on its own connection: {status, headers, body (string),
 * bytes (Buffer)}. Headers are lower-case; `set-cookie` is an array.
 */
export function request(base, target, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) {
    const url = new URL(base);
    return new Promise((resolve, reject) => {
        const req = http.request(
            { host: url.hostname, port: url.port, method, path: target, headers, agent: false, timeout: timeoutMs },
            (res) => {
                const chunks = [];
                res.on('data', (c) => chunks.push(c));
                res.on('end', () => {
                    const bytes = Buffer.concat(chunks);
                    resolve({ status: res.statusCode, headers: res.headers, body: bytes.toString('utf8'), bytes });
                });
                res.on('error', reject);
            },
        );
        req.on('timeout', () => req.destroy(new Error(`${method} ${target} timed out after ${timeoutMs} ms`)));
        req.on('error', reject);
        if (body !== undefined) req.write(body);
        req.end();
    });
}

/** GET with optional headers. */
export const get = (base, target, headers = {}) => request(base, target, { headers });

/** GET with an API key as a bearer token: {status, headers, body, json (null when not JSON)}. */
export async function api(base, target, key, headers = {}) {
    const res = await get(base, target, key ? { Authorization: `Bearer ${key}`, ...headers } : headers);
    try {
        res.json = JSON.parse(res.body);
    } catch {
        res.json = null;
    }
    return res;
}

/**
 * Opens a raw TCP connection, writes `chunks` (strings/Buffers; a number is a
 * pause in ms), then collects everything until the server closes, `until(text)`
 * holds, or `timeoutMs` passes. With `stopWritingOnData`, stops writing once
 * the server has answered (it may have rejected the request half-way).
 * Returns {text, closed, error, elapsedMs, lifetimeMs}: elapsedMs counts from
 * the end of the writes, lifetimeMs from the connect.
 */
export function rawExchange(port, chunks, { timeoutMs = 10_000, host = '127.0.0.1', until, stopWritingOnData = false } = {}) {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        const received = [];
        let connectedAt = 0;
        let writesDone = 0;
        let settled = false;
        const text = () => Buffer.concat(received).toString('latin1');
        const finish = (closed, error) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            socket.destroy();
            const now = Date.now();
            resolve({
                text: text(),
                closed,
                error,
                elapsedMs: writesDone ? now - writesDone : 0,
                lifetimeMs: connectedAt ? now - connectedAt : 0,
            });
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        socket.on('data', (d) => {
            received.push(d);
            if (until && until(text())) finish(false);
        });
        socket.on('end', () => finish(true));
        socket.on('close', () => finish(true));
        socket.on('error', (err) => {
            if (!connectedAt) {
                clearTimeout(timer);
                settled = true;
                reject(err);
            } else {
                finish(true, err);
            }
        });
        socket.on('connect', async () => {
            connectedAt = Date.now();
            for (const chunk of chunks) {
                if (settled || socket.destroyed) break;
                if (stopWritingOnData && received.length) break;
                if (typeof chunk === 'number') await sleep(chunk);
                else socket.write(chunk);
            }
            writesDone = Date.now();
        });
    });
}

/** `until` predicate for rawExchange: true once `count` complete responses arrived. */
export const responsesReceived = (count) => (text) => parseResponses(text).filter((r) => r.complete).length >= count;

/** Parses every HTTP/1.1 response in `text` (Content-Length or chunked framing; no body for 304/HEAD). */
export function parseResponses(text, { head = false } = {}) {
    const responses = [];
    let rest = text;
    while (rest.startsWith('HTTP/')) {
        const end = rest.indexOf('\r\n\r\n');
        if (end < 0) break;
        const [statusLine, ...headerLines] = rest.slice(0, end).split('\r\n');
        const status = Number(statusLine.split(' ')[1]);
        const headers = {};
        for (const line of headerLines) {
            const colon = line.indexOf(':');
            const name = line.slice(0, colon).trim().toLowerCase();
            const value = line.slice(colon + 1).trim();
            headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
        }
        rest = rest.slice(end + 4);
        let body = '';
        let complete = true;
        if (head || status === 304 || status === 204) {
            body = '';
        } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
            complete = false;
            for (;;) {
                const lineEnd = rest.indexOf('\r\n');
                if (lineEnd < 0) break;
                const size = parseInt(rest.slice(0, lineEnd), 16);
                if (!size) {
                    const trailerEnd = rest.indexOf('\r\n\r\n');
                    if (trailerEnd < 0) break;
                    rest = rest.slice(trailerEnd + 4);
                    complete = true;
                    break;
                }
                if (rest.length < lineEnd + 2 + size + 2) break;
                body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
                rest = rest.slice(lineEnd + 2 + size + 2);
            }
        } else if (headers['content-length'] !== undefined) {
            const length = Number(headers['content-length']);
            complete = rest.length >= length;
            body = rest.slice(0, length);
            rest = rest.slice(length);
        } else {
            body = rest;
            rest = '';
        }
        responses.push({ status, headers, complete, body: Buffer.from(body, 'latin1').toString('utf8') });
        if (!complete) break;
    }
    return responses;
}

/** Sends one raw request (string) and returns the first parsed response plus the exchange. */
export async function rawRequest(port, raw, options = {}) {
    const exchange = await rawExchange(port, [raw], { until: responsesReceived(1), ...options });
    const [response] = parseResponses(exchange.text);
    return { ...exchange, response };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------- HTML helpers

/** The value of <html lang="…">. */
export function htmlLang(html) {
    return /<html[^>]*\blang="([^"]*)"/i.exec(html)?.[1];
}

/** Every <link …> tag as an attribute map. */
export function linkTags(html) {
    return [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => attributes(m[0]));
}

/** Attributes of one start tag as {name: value}. */
export function attributes(tag) {
    const attrs = {};
    for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
        attrs[m[1].toLowerCase()] = m[3] ?? m[4] ?? m[5];
    }
    return attrs;
}

/** The fingerprinted stylesheet URL of a page (/static/css/app.<hex>.css). */
export function stylesheetUrl(html) {
    const link = linkTags(html).find((l) => /\bstylesheet\b/i.test(l.rel ?? '') && /\/static\/css\/app\./.test(l.href ?? ''));
    return link?.href;
}

/** Prometheus text → [{name, labels, value}]. */
export function parseMetrics(text) {
    const samples = [];
    for (const line of text.split('\n')) {
        if (!line || line.startsWith('#')) continue;
        const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
        if (!m) continue;
        const labels = {};
        for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
        samples.push({ name: m[1], labels, value: Number(m[3]) });
    }
    return samples;
}

/** Sum of the samples named `name` whose labels include `labels`. */
export function metricValue(samples, name, labels = {}) {
    return samples
        .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0);
}

/** Asserts the security headers every response must carry. */
export function assertSecurityHeaders(headers, what) {
    assert.ok(headers['x-request-id'], `${what}: X-Request-Id`);
    const csp = headers['content-security-policy'];
    assert.ok(csp, `${what}: Content-Security-Policy`);
    assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors 'none' (${csp})`);
    const scriptSrc = /(?:^|;)\s*script-src([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src([^;]*)/.exec(csp)?.[1];
    assert.ok(scriptSrc !== undefined, `${what}: CSP restricts scripts via script-src or default-src (${csp})`);
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|\*/, `${what}: CSP script-src allows no inline/any script (${csp})`);
    assert.equal(headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
    assert.ok(headers['referrer-policy'], `${what}: Referrer-Policy`);
}

export { describe, test, before, after, assert };
