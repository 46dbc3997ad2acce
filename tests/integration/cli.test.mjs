// The command line: version, check-config, bad configuration (file and
// environment), migrate, the refusal to serve a schema that is behind, and an
// idempotent demo-data loader.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    assert,
    assertCleanExit,
    assertSuccess,
    canCountTables,
    describe,
    forEachBackend,
    get,
    runCli,
    seededDatabase,
    startServer,
    tableCounts,
    tempDir,
    test,
} from './lib.mjs';

/** A database URL that needs no server, for commands that only read the config. */
const sqliteUrl = () => `sqlite:${path.join(tempDir(), 'cfg.db')}`;

/** Writes `text` to a fresh comptoir.toml and returns its path. */
function configFile(text, dir = tempDir()) {
    const file = path.join(dir, 'comptoir.toml');
    writeFileSync(file, text);
    return file;
}

/** Asserts a config error: non-zero exit, exactly one stderr line matching `key`. */
function assertConfigError(result, key, what) {
    assert.notEqual(result.code, 0, `${what}: must exit non-zero\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.equal(result.signal, null, `${what}: must exit, not crash (signal ${result.signal})`);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${what}: exactly one line on stderr, got:\n${result.stderr}`);
    assert.match(lines[0], key, `${what}: the error names the key`);
}

describe('cli', () => {
    test('version prints comptoir 0.1.0', async () => {
        const result = await runCli(['version']);
        assertSuccess(result, 'version');
        assert.match(result.stdout, /^comptoir 0\.1\.0$/m);
    });

    test('check-config accepts the defaults with a database URL and prints OK', async () => {
        const result = await runCli(['check-config'], { env: { COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertSuccess(result, 'check-config');
        assert.match(result.stdout + result.stderr, /\bOK\b/);
    });

    test('check-config accepts a valid file passed with --config', async () => {
        const file = configFile(`[server]\nlisten = "127.0.0.1:0"\nthreads = 2\n\n[database]\nurl = "${sqliteUrl()}"\n`);
        const result = await runCli(['--config', file, 'check-config']);
        assertSuccess(result, 'check-config --config');
        assert.match(result.stdout + result.stderr, /\bOK\b/);
    });

    test('an unknown subcommand fails', async () => {
        const result = await runCli(['frobnicate']);
        assert.notEqual(result.code, 0);
        assert.equal(result.signal, null);
    });
});

describe('cli: bad configuration is one clear line and a non-zero exit', () => {
    const envCases = [
        ['COMPTOIR_THREADS', 'abc', /server\.threads|COMPTOIR_THREADS/],
        ['COMPTOIR_THREADS', '-1', /server\.threads|COMPTOIR_THREADS/],
        ['COMPTOIR_LISTEN', 'nonsense', /server\.listen|COMPTOIR_LISTEN/],
        ['COMPTOIR_LISTEN', '127.0.0.1:99999', /server\.listen|COMPTOIR_LISTEN/],
        ['COMPTOIR_DATABASE_URL', 'mysql://x', /database\.url|COMPTOIR_DATABASE_URL/],
        ['COMPTOIR_DEFAULT_LANGUAGE', 'xx', /default_language|COMPTOIR_DEFAULT_LANGUAGE/],
        ['COMPTOIR_MAX_BODY_BYTES', 'lots', /max_body_bytes|COMPTOIR_MAX_BODY_BYTES/],
        ['COMPTOIR_READ_TIMEOUT_MS', '-5', /read_timeout_ms|COMPTOIR_READ_TIMEOUT_MS/],
        ['COMPTOIR_TRUSTED_PROXIES', 'garbage', /^comptoir: config error: server\.trusted_proxies\b.*garbage/],
        ['COMPTOIR_TRUSTED_PROXIES', '10.0.0.0/99', /^comptoir: config error: server\.trusted_proxies\b/],
        ['COMPTOIR_THEME_DIR', '/nonexistent/comptoir-theme', /^comptoir: theme\.dir: .*nonexistent/],
        ['COMPTOIR_LANGUAGES', 'en,de', /^comptoir: i18n\.languages: .*"de"/],
    ];
    for (const [name, value, key] of envCases) {
        test(`${name}=${value}`, async () => {
            const result = await runCli(['check-config'], {
                env: { COMPTOIR_DATABASE_URL: sqliteUrl(), [name]: value },
            });
            assertConfigError(result, key, `${name}=${value}`);
        });
    }

    test('serve refuses a bad value the same way, before listening', async () => {
        const result = await runCli(['serve'], { env: { COMPTOIR_DATABASE_URL: sqliteUrl(), COMPTOIR_THREADS: 'abc' } });
        assertConfigError(result, /server\.threads|COMPTOIR_THREADS/, 'serve with COMPTOIR_THREADS=abc');
        assert.doesNotMatch(result.stderr, /listening on/);
    });

    test('serve refuses bad trusted proxies with the same line as check-config', async () => {
        const env = { COMPTOIR_DATABASE_URL: sqliteUrl(), COMPTOIR_TRUSTED_PROXIES: '127.0.0.1,garbage' };
        const served = await runCli(['serve'], { env });
        assertConfigError(served, /^comptoir: config error: server\.trusted_proxies\b/, 'serve with a bad proxy');
        assert.doesNotMatch(served.stderr, /listening on/);
        const checked = await runCli(['check-config'], { env });
        assert.equal(served.stderr, checked.stderr, 'serve and check-config say the same');
    });

    test('a bad trusted proxy in the file is named', async () => {
        const file = configFile(`[server]\ntrusted_proxies = ["10.0.0.1", "proxy.internal"]\n`);
        const result = await runCli(['--config', file, 'check-config'], { env: { COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertConfigError(result, /^comptoir: config error: server\.trusted_proxies: .*proxy\.internal/, 'proxy host name');
    });

    test('a TOML syntax error names the file or the line', async () => {
        const file = configFile('[server\nthreads = \n');
        const result = await runCli(['--config', file, 'check-config']);
        assertConfigError(result, /comptoir\.toml|line/i, 'TOML syntax error');
    });

    test('an unknown key in the file is named', async () => {
        const file = configFile(`[server]\nthreadz = 2\n`);
        const result = await runCli(['--config', file, 'check-config'], { env: { COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertConfigError(result, /server\.threadz/, 'unknown key');
    });

    test('a value of the wrong type in the file is named', async () => {
        const file = configFile(`[server]\nthreads = "two"\n`);
        const result = await runCli(['--config', file, 'check-config'], { env: { COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertConfigError(result, /server\.threads/, 'wrong type');
    });

    test('a --config file that does not exist is an error naming it', async () => {
        const missing = path.join(tempDir(), 'missing.toml');
        const result = await runCli(['--config', missing, 'check-config']);
        assertConfigError(result, /missing\.toml/, 'missing --config file');
    });

    test('COMPTOIR_CONFIG names the file to read', async () => {
        const file = configFile(`[server]\nthreadz = 2\n`);
        const result = await runCli(['check-config'], { env: { COMPTOIR_CONFIG: file, COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertConfigError(result, /server\.threadz/, 'COMPTOIR_CONFIG file with an unknown key');
    });

    test('./comptoir.toml is read when no --config is given', async () => {
        const dir = tempDir();
        configFile(`[server]\nthreadz = 2\n`, dir);
        const result = await runCli(['check-config'], { cwd: dir, env: { COMPTOIR_DATABASE_URL: sqliteUrl() } });
        assertConfigError(result, /server\.threadz/, './comptoir.toml with an unknown key');
    });
});

describe('cli: check-config reaches the database', () => {
    test('an unreachable PostgreSQL server: non-zero, one line naming database.url, no password', async () => {
        // Port 1 on the loopback: nothing listens there, the connection is refused at once.
        const result = await runCli(['check-config'], {
            env: { COMPTOIR_DATABASE_URL: 'postgresql://comptoir:Sup3r-Secret@127.0.0.1:1/comptoir' },
        });
        assertConfigError(result, /^comptoir: database\.url: cannot reach the postgres database/, 'unreachable PostgreSQL');
        assert.doesNotMatch(result.stderr + result.stdout, /Sup3r-Secret/, 'the password is not printed');
        assert.doesNotMatch(result.stdout, /\bOK\b/, 'no OK when the database is unreachable');
    });

    test('a fresh SQLite path: OK, says migrate will create it, and creates nothing', async () => {
        const dir = tempDir();
        const file = path.join(dir, 'sub', 'fresh.db');
        const result = await runCli(['check-config'], { env: { COMPTOIR_DATABASE_URL: `sqlite:${file}` } });
        assertSuccess(result, 'check-config on a fresh path');
        assert.match(result.stdout, /configuration OK/);
        assert.match(result.stdout, /does not exist yet; `comptoir migrate` creates it/);
        assert.equal(result.stderr, '', 'nothing on stderr');
        assert.ok(!existsSync(path.join(dir, 'sub')), 'check-config creates no file or directory');
    });

    test('a SQLite path that cannot be created: non-zero, naming database.url', async () => {
        // Its "directory" is a file (a check that holds even for root, unlike permissions).
        const notADirectory = path.join(tempDir(), 'plain-file');
        writeFileSync(notADirectory, 'x');
        const result = await runCli(['check-config'], { env: { COMPTOIR_DATABASE_URL: `sqlite:${notADirectory}/x.db` } });
        assertConfigError(result, /^comptoir: database\.url: cannot create/, 'unwritable SQLite directory');
    });
});

describe('cli: unknown COMPTOIR_* variables are a warning', () => {
    test('a misspelt variable is named on stderr with the closest key, and check-config still succeeds', async () => {
        const result = await runCli(['check-config'], {
            env: { COMPTOIR_DATABASE_URL: sqliteUrl(), COMPTOIR_DATABSE_URL: 'postgresql://db.internal/comptoir' },
        });
        assertSuccess(result, 'check-config with a misspelt variable');
        const lines = result.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `one warning line:\n${result.stderr}`);
        assert.match(lines[0], /^comptoir: warning: COMPTOIR_DATABSE_URL .*ignored.*did you mean COMPTOIR_DATABASE_URL\?/);
        assert.match(result.stdout, /configuration OK/);
    });

    test('serve warns too, and the misspelt value changes nothing', async () => {
        const result = await runCli(['serve'], {
            env: { COMPTOIR_DATABASE_URL: sqliteUrl(), COMPTOIR_THRAEDS: 'abc', COMPTOIR_LISTEN: '127.0.0.1:0' },
        });
        // The fresh database stops serve (it needs `comptoir migrate`), after the warning and not for the typo.
        assert.match(result.stderr, /^comptoir: warning: COMPTOIR_THRAEDS .*did you mean COMPTOIR_THREADS\?$/m);
        assert.doesNotMatch(result.stderr, /server\.threads/);
    });

    test('variables of the scripts and tests give no warning', async () => {
        const result = await runCli(['check-config'], {
            env: {
                COMPTOIR_DATABASE_URL: sqliteUrl(),
                COMPTOIR_BIN: '/usr/bin/true',
                COMPTOIR_TEST_PG_URL: 'postgresql://127.0.0.1:1/x',
                COMPTOIR_TEST_REQUIRE_PG: '1',
                COMPTOIR_DEMO_SMTP_PORT: '2525',
                COMPTOIR_DEMO_MAILDIR: 'var/mail',
                COMPTOIR_TEST_ROUTES: '0',
            },
        });
        assertSuccess(result, 'check-config with tooling variables');
        assert.equal(result.stderr, '', 'no warning');
    });
});

forEachBackend('cli: database commands', (backend) => {
    test('check-config reports an empty database as behind, then current after migrate', async () => {
        const db = await backend.create();
        try {
            const env = { COMPTOIR_DATABASE_URL: db.url };
            if (db.kind === 'postgres') {
                const behind = await runCli(['check-config'], { env });
                assertSuccess(behind, 'check-config on an empty database');
                assert.match(behind.stdout, /database: postgres reachable, schema version 0, behind \d+: run `comptoir migrate`/);
            } else {
                const fresh = await runCli(['check-config'], { env });
                assertSuccess(fresh, 'check-config on a fresh SQLite path');
                assert.match(fresh.stdout, /does not exist yet/);
                assert.ok(!existsSync(db.file), 'check-config did not create the SQLite file');
            }
            assertSuccess(await runCli(['migrate'], { env }), 'migrate');
            const current = await runCli(['check-config'], { env });
            assertSuccess(current, 'check-config after migrate');
            assert.match(current.stdout, new RegExp(`database: ${backend.name === 'postgres' ? 'postgres' : 'sqlite'} reachable, schema version [1-9]\\d* \\(current\\)`));
            assert.equal(current.stderr, '');
        } finally {
            await db.drop();
        }
    });


    test('serve refuses an empty database and points to `comptoir migrate`', async () => {
        const db = await backend.create();
        try {
            const result = await runCli(['serve'], {
                env: { COMPTOIR_DATABASE_URL: db.url, COMPTOIR_LISTEN: '127.0.0.1:0' },
                timeoutMs: 60_000,
            });
            assert.notEqual(result.code, 0, `serve must refuse\nstderr: ${result.stderr}`);
            assert.equal(result.signal, null);
            assert.match(result.stderr, /comptoir migrate/);
            assert.doesNotMatch(result.stderr, /listening on/);
        } finally {
            await db.drop();
        }
    });

    test('migrate twice succeeds; seed-demo twice prints the same logins and adds no rows', async () => {
        const { db, seedOutput: first } = await seededDatabase(backend);
        try {
            const env = { COMPTOIR_DATABASE_URL: db.url };
            assertSuccess(await runCli(['migrate'], { env }), 'second migrate');
            const before = canCountTables(db) ? await tableCounts(db) : null;

            const again = await runCli(['seed-demo'], { env });
            assertSuccess(again, 'second seed-demo');
            const second = again.stdout + again.stderr;

            const logins = demoLogins(first);
            assert.deepEqual(demoLogins(second), logins, 'the second run prints the same logins');

            if (before) {
                const afterCounts = await tableCounts(db);
                assert.ok(Object.keys(before).length > 1, `the schema has tables: ${JSON.stringify(before)}`);
                assert.deepEqual(afterCounts, before, 'seed-demo run twice leaves every table with the same row count');
            } else {
                console.log('# sqlite3 CLI not installed: row counts not compared');
            }
        } finally {
            await db.drop();
        }
    });

    test('seed-demo prints logins for an admin, an agent and customers of two organisations', async () => {
        const { db, seedOutput } = await seededDatabase(backend);
        try {
            const logins = demoLogins(seedOutput);
            assert.ok(logins.length >= 6, `at least 6 demo logins (admin, agent, 2 × customer + org admin):\n${seedOutput}`);
            const lines = loginLines(seedOutput);
            assert.ok(lines.some((l) => /admin/i.test(l)), `an administrator login:\n${seedOutput}`);
            assert.ok(lines.some((l) => /agent/i.test(l)), `an agent login:\n${seedOutput}`);
            for (const line of lines) {
                // A password beside each address: a token (not the e-mail) with letters and digits, 8+ long.
                const tokens = line.split(/\s+/).filter((t) => !t.includes('@'));
                assert.ok(tokens.some((t) => t.length >= 8 && /[a-z]/i.test(t) && /\d/.test(t)), `a password on: ${line}`);
            }
            const domains = new Set(logins.map((e) => e.split('@')[1]));
            assert.ok(domains.size >= 3, `the operator and at least two customer organisations: ${[...domains]}`);

            // The server starts on the seeded database (the logins are for something real).
            const server = await startServer({ db });
            const home = await get(server.url, '/');
            assert.equal(home.status, 200);
            assertCleanExit(await server.stop(), server);
        } finally {
            await db.drop();
        }
    });

    test('environment overrides the file: COMPTOIR_LISTEN beats server.listen', async () => {
        const { db } = await seededDatabase(backend);
        try {
            // The file asks for port 1 (privileged and surely not what we get); the environment asks for any free port.
            const file = configFile(`[server]\nlisten = "127.0.0.1:1"\n`);
            const server = await startServer({ db, env: { COMPTOIR_CONFIG: file } });
            assert.notEqual(server.port, 1);
            assert.equal((await get(server.url, '/healthz')).status, 200);
            assertCleanExit(await server.stop(), server);
        } finally {
            await db.drop();
        }
    });
});

/** Lines of the seed output that carry an e-mail address. */
function loginLines(output) {
    return output.split('\n').filter((line) => /[^\s@]+@[^\s@]+\.[a-z]{2,}/i.test(line));
}

/** The sorted, distinct e-mail addresses printed by seed-demo. */
function demoLogins(output) {
    const emails = new Set();
    for (const line of loginLines(output)) for (const m of line.matchAll(/[^\s@<>"',;:()]+@[^\s@<>"',;:()]+\.[a-z]{2,}/gi)) emails.add(m[0].toLowerCase());
    return [...emails].sort();
}
