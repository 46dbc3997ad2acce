// No secret a test handled reaches a log or an audit trail, over the whole run.
//
// Every server the tests start writes its output to the run's log directory
// (lib.mjs testLogDir()) and, once stopped, the audit trail of its database;
// the helpers record there every secret they handle: passwords signed in or
// typed into forms, TOTP secrets, recovery codes, tokens of mailed links,
// session cookies, the server's secret key (lib.mjs recordSecret,
// session-lib.mjs). This file searches the former for the latter.
//
// It must run after every other test file: `node --test --test-concurrency=1
// tests/integration/` (ctest's "integration" test) runs the files one at a
// time in name order, hence the name. The browser tests (ctest's "e2e") run
// alongside, so scripts/run-tests runs this file once more after ctest, over
// everything both left.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert, test, testLogDir } from './lib.mjs';

/** Every recorded secret once: [{value, kinds: Set, by: Set}], longest first. */
export function readSecrets(dir) {
    const byValue = new Map();
    for (const name of readdirSync(dir).filter((n) => /^secrets-\d+\.jsonl$/.test(n))) {
        for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
            if (!line.trim()) continue;
            let entry;
            try {
                entry = JSON.parse(line);
            } catch {
                continue; // a line cut short by a test process killed mid-write
            }
            const known = byValue.get(entry.value) ?? { value: entry.value, kinds: new Set(), by: new Set() };
            known.kinds.add(entry.kind);
            known.by.add(entry.by);
            byValue.set(entry.value, known);
        }
    }
    return [...byValue.values()].sort((a, b) => b.value.length - a.value.length);
}

/** The forms a secret takes in a log: as is, and URL-encoded (a query string, a form body). */
function spellings(value) {
    return [...new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])];
}

/** `line` with every recorded secret replaced by its kind, so that a report can show it. */
function masked(line, secrets) {
    let out = line;
    for (const secret of secrets) {
        for (const spelling of spellings(secret.value)) out = out.split(spelling).join(`<${[...secret.kinds].join('/')}>`);
    }
    return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

/**
 * Searches the server logs (*.log) and audit trails (*.audit-*.txt) of `dir`
 * for the recorded secrets. Returns {files, secrets, findings, dumpErrors}:
 * a finding names the file, the line, the kind of secret and the test file
 * that recorded it, never the secret itself.
 */
export function scanLogDir(dir) {
    const secrets = readSecrets(dir);
    const names = readdirSync(dir).sort();
    const files = names.filter((n) => n.endsWith('.log') || /\.audit-[\w-]+\.txt$/.test(n));
    const dumpErrors = names
        .filter((n) => n.endsWith('.error'))
        .map((n) => `${n}: ${readFileSync(path.join(dir, n), 'utf8').trim()}`);
    const findings = [];
    for (const name of files) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        for (const secret of secrets) {
            const spelling = spellings(secret.value).find((s) => text.includes(s));
            if (!spelling) continue;
            const lines = text.split('\n');
            const index = lines.findIndex((l) => l.includes(spelling));
            findings.push(
                `${name}:${index + 1}: ${[...secret.kinds].join(' / ')} (recorded by ${[...secret.by].join(', ')})\n` +
                    `    ${masked(lines[index], secrets)}`,
            );
        }
    }
    return { files, secrets, findings, dumpErrors };
}

test('the search finds a recorded secret in a log or a trail, and names it by its kind only', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'comptoir-secrets-selftest-'));
    try {
        const password = 'Correct horse battery staple 2026';
        const token = 'a'.repeat(20) + 'b'.repeat(44);
        writeFileSync(
            path.join(dir, 'secrets-1.jsonl'),
            [
                JSON.stringify({ kind: 'password', value: password, by: 'x.test.mjs' }),
                JSON.stringify({ kind: 'password reset link token', value: token, by: 'y.test.mjs' }),
                '{"kind": "cut sho',
            ].join('\n'),
        );
        writeFileSync(path.join(dir, 'x.test.mjs.1.sqlite.server-1.log'), `listening\nPOST /sign-in password=${encodeURIComponent(password)}\n`);
        writeFileSync(path.join(dir, 'y.test.mjs.2.postgres.audit-server-1-1.txt'), `1|...|{"token":"${token}"}\n`);
        writeFileSync(path.join(dir, 'z.test.mjs.3.sqlite.server-1.log'), 'nothing to see\n');
        writeFileSync(path.join(dir, 'z.test.mjs.3.sqlite.audit-server-1-2.txt.error'), 'could not read the audit trail: gone\n');
        const { files, secrets, findings, dumpErrors } = scanLogDir(dir);
        assert.equal(files.length, 3);
        assert.equal(secrets.length, 2);
        assert.equal(findings.length, 2, findings.join('\n'));
        assert.match(findings[0], /^x\.test\.mjs\.1\.sqlite\.server-1\.log:2: password \(recorded by x\.test\.mjs\)/);
        assert.match(findings[0], /password=<password>/);
        assert.match(findings[1], /^y\.test\.mjs\.2\.postgres\.audit-server-1-1\.txt:1: password reset link token/);
        for (const finding of findings) {
            assert.ok(!finding.includes(password) && !finding.includes(encodeURIComponent(password)), 'the report never shows the password');
            assert.ok(!finding.includes(token), 'the report never shows the token');
        }
        assert.deepEqual(dumpErrors, ['z.test.mjs.3.sqlite.audit-server-1-2.txt.error: could not read the audit trail: gone']);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
});

test('no secret handled by any test of this run appears in a server log or an audit trail', (t) => {
    const dir = testLogDir();
    const { files, secrets, findings, dumpErrors } = scanLogDir(dir);
    if (files.length === 0 || secrets.length === 0) {
        t.skip(`nothing to search in ${dir}: run it after the other tests (node --test tests/integration/, or scripts/run-tests)`);
        return;
    }
    const logs = files.filter((n) => n.endsWith('.log')).length;
    t.diagnostic(`${secrets.length} secrets searched for in ${logs} server logs and ${files.length - logs} audit trails of ${dir}`);
    const report = [];
    if (findings.length) report.push(`${findings.length} secret(s) found in ${dir}:\n${findings.join('\n')}`);
    if (dumpErrors.length) report.push(`audit trails that could not be read, so not searched:\n${dumpErrors.join('\n')}`);
    assert.ok(report.length === 0, report.join('\n\n'));
});
