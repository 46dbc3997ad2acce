// API keys, the integration API and the audit trail, through the real server:
// an admin (MFA enrolled first) creates keys in the admin page, calls the API
// with them (Authorization header only: a key in the URL is refused), revokes
// one; scopes are enforced; a customer never reaches the admin pages;
// `comptoir audit verify` passes after the run and fails once the SQLite file
// (or PostgreSQL table) is tampered with; and no secret the run used ever
// appears in the server's output or the audit trail.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { assert, forEachBackend, get, request, rawRequest, runCli, test, useServer, api } from './lib.mjs';
import { Client, enrolMfa, signIn } from './session-lib.mjs';

const execFileP = promisify(execFile);

const ADMIN = 'admin@lumiere.example';
const ADMIN_PASSWORD = 'Demo-Admin-2026!';
const CUSTOMER = 'lucas.bernard@boulangerie-martin.example';
const CLIENT_PASSWORD = 'Demo-Client-2026!';
const DEMO_PASSWORDS = ['Demo-Admin-2026!', 'Demo-Agent-2026!', 'Demo-Client-2026!'];
const KEY_PATTERN = /ck_[0-9a-f]{12}_[0-9a-f]{64}/;

/** The id of the key named `name` on the admin list page (from its revoke form). */
function keyIdFrom(html, name) {
    for (const row of html.split('<tr>')) {
        if (!row.includes(`<th scope="row">${name}</th>`)) continue;
        const m = /action="\/admin\/api-keys\/(\d+)\/revoke"/.exec(row);
        if (m) return Number(m[1]);
    }
    return null;
}

/** The first line of `text` holding `secret`, with the secret masked (for a failure message). */
function lineWith(text, secret) {
    const line = text.split('\n').find((l) => l.includes(secret)) ?? '';
    return line.split(secret).join('<SECRET>').slice(0, 500);
}

async function auditRows(db) {
    if (db.kind === 'sqlite') {
        return (await execFileP('sqlite3', ['-readonly', '-cmd', '.timeout 10000', db.file, 'SELECT * FROM audit_log'])).stdout;
    }
    return (await execFileP('psql', [db.url, '-X', '-q', '-A', '-t', '-c', 'SELECT * FROM audit_log'])).stdout;
}

async function tamper(db) {
    const sql =
        db.kind === 'sqlite'
            ? "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_email = 'nobody@example.test' WHERE id = (SELECT MIN(id) + 1 FROM audit_log); SELECT MIN(id) + 1 FROM audit_log;"
            : "DROP TRIGGER audit_log_no_change ON audit_log; UPDATE audit_log SET actor_email = 'nobody@example.test' WHERE id = (SELECT MIN(id) + 1 FROM audit_log); SELECT MIN(id) + 1 FROM audit_log;";
    const { stdout } =
        db.kind === 'sqlite'
            ? await execFileP('sqlite3', ['-cmd', '.timeout 10000', db.file, sql]) // the server may be writing
            : await execFileP('psql', [db.url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    return Number(stdout.trim().split('\n').pop());
}

forEachBackend('api', (backend) => {
    const s = useServer(backend, { freshDatabase: true, env: { COMPTOIR_ACCESS_LOG: 'stdout' } });
    // Every secret this file's run handled: none may show up in logs or the trail.
    const secrets = { keys: [], totp: [], cookies: [] };
    let admin;
    let readKey;
    let usersKey;

    function rememberCookies(client) {
        for (const value of client.cookies.values()) if (value.length >= 32) secrets.cookies.push(value);
    }

    test('an admin enrols MFA and creates a key that is shown once', async () => {
        admin = new Client(s.url);
        let res = await signIn(admin, ADMIN, ADMIN_PASSWORD);
        assert.equal(res.status, 303, `admin sign-in: ${res.status}`);
        const { secret } = await enrolMfa(admin);
        secrets.totp.push(secret);

        let page = await admin.get('/admin/api-keys');
        assert.equal(page.status, 200, page.body.slice(0, 500));
        assert.match(page.body, /name="scopes" type="checkbox" value="organisations:read"/);

        res = await admin.post('/admin/api-keys', { name: 'CRM sync', scopes: ['organisations:read'] });
        assert.equal(res.status, 201, res.body.slice(0, 500));
        assert.equal(res.headers['cache-control'], 'no-store', 'the page showing the key is never cached');
        readKey = KEY_PATTERN.exec(res.body)?.[0];
        assert.ok(readKey, 'the new key is on the page');
        secrets.keys.push(readKey);

        res = await admin.post('/admin/api-keys', { name: 'Directory export', scopes: ['users:read'] });
        assert.equal(res.status, 201);
        usersKey = KEY_PATTERN.exec(res.body)?.[0];
        assert.ok(usersKey);
        secrets.keys.push(usersKey);

        page = await admin.get('/admin/api-keys');
        assert.equal(page.status, 200);
        assert.ok(page.body.includes('CRM sync') && page.body.includes(readKey.slice(0, 15)), 'listed by name and prefix');
        assert.ok(!page.body.includes(readKey) && !page.body.includes(readKey.slice(16)), 'never the secret again');
        rememberCookies(admin);
    });

    test('the create form refuses bad input and a missing CSRF token', async () => {
        let res = await admin.post('/admin/api-keys', { name: 'No scope' });
        assert.equal(res.status, 422);
        assert.match(res.body, /role="alert"/);
        assert.match(res.body, /value="No scope"/, 'the name is kept');
        res = await admin.post('/admin/api-keys', { name: 'Bad scope', scopes: ['admin:write'] });
        assert.equal(res.status, 422);
        res = await admin.post('/admin/api-keys', { name: '', scopes: ['users:read'] });
        assert.equal(res.status, 422);
        res = await admin.post('/admin/api-keys', { name: 'Forged', scopes: ['users:read'] }, { csrf: false });
        assert.equal(res.status, 403);
        res = await admin.post('/admin/api-keys', { name: 'Foreign', scopes: ['users:read'] }, { origin: 'https://evil.example' });
        assert.equal(res.status, 403);
        const page = await admin.get('/admin/api-keys');
        for (const name of ['No scope', 'Bad scope', 'Forged', 'Foreign']) assert.ok(!page.body.includes(`>${name}<`), name);
    });

    test('the key authenticates in the Authorization header only', async () => {
        let res = await api(s.url, '/api/v1/whoami', readKey);
        assert.equal(res.status, 200, res.body);
        assert.match(res.headers['content-type'], /^application\/json/);
        assert.equal(res.headers['set-cookie'], undefined, 'the API sets no cookie');
        assert.equal(res.json.key.name, 'CRM sync');
        assert.deepEqual(res.json.key.scopes, ['organisations:read']);

        res = await api(s.url, '/api/v1/whoami', readKey, {});
        assert.equal(res.status, 200);
        res = await get(s.url, '/api/v1/whoami', { Authorization: `bearer ${readKey}` });
        assert.equal(res.status, 200, 'the scheme is case-insensitive');

        res = await api(s.url, '/api/v1/whoami', null);
        assert.equal(res.status, 401);
        assert.match(res.headers['www-authenticate'], /^Bearer/);
        assert.equal(res.json.error.code, 'unauthenticated');

        for (const header of [`Basic ${Buffer.from(`x:${readKey}`).toString('base64')}`, readKey, 'Bearer ', `Bearer ${readKey}x`]) {
            res = await get(s.url, '/api/v1/whoami', { Authorization: header });
            assert.equal(res.status, 401, header);
            assert.match(res.headers['www-authenticate'], /^Bearer/);
        }
        const wrongSecret = readKey.slice(0, -1) + (readKey.endsWith('0') ? '1' : '0');
        res = await api(s.url, '/api/v1/whoami', wrongSecret);
        assert.equal(res.status, 401, 'right prefix, wrong secret');
        assert.match(res.headers['www-authenticate'], /error="invalid_token"/);

        // A key in the URL is refused even next to a valid header, not echoed,
        // and redacted from the access log whatever the parameter is called.
        for (const target of [`/api/v1/whoami?key=${readKey}`, `/api/v1/whoami?api_key=${readKey}`, `/api/v1/whoami?q=${readKey}`]) {
            res = await api(s.url, target, readKey);
            assert.equal(res.status, 400, target);
            assert.equal(res.json.error.code, 'key_in_url');
            assert.ok(!res.body.includes(readKey));
        }

        // A signed-in browser session does not authenticate an API call.
        res = await api(s.url, '/api/v1/whoami', null, { Cookie: admin.cookieHeader() });
        assert.equal(res.status, 401);
    });

    test('what the server refuses under /api/ is JSON too; pages keep their HTML errors', async () => {
        let res = await api(s.url, '/api/v1/no-such-thing', readKey);
        assert.equal(res.status, 404);
        assert.match(res.headers['content-type'], /^application\/json/);
        assert.equal(res.json.error.code, 'not_found');
        assert.ok(res.headers['x-request-id'], 'the request id is in the header');

        res = await request(s.url, '/api/v1/whoami', { method: 'DELETE', headers: { Authorization: `Bearer ${readKey}` } });
        assert.equal(res.status, 405);
        assert.match(res.headers['content-type'], /^application\/json/);
        assert.equal(JSON.parse(res.body).error.code, 'method_not_allowed');
        assert.match(res.headers.allow, /GET/);

        const { response } = await rawRequest(s.port, 'POST /api/v1/whoami HTTP/1.1\r\nHost: t\r\nContent-Length: 5000000\r\n\r\n');
        assert.equal(response?.status, 413, 'answered before the body is sent');
        assert.equal(JSON.parse(response.body).error.code, 'too_large');

        res = await get(s.url, '/no-such-page');
        assert.equal(res.status, 404);
        assert.match(res.headers['content-type'], /^text\/html/);
    });

    test('scopes are enforced per resource', async () => {
        let res = await api(s.url, '/api/v1/organisations', readKey);
        assert.equal(res.status, 200, res.body);
        const slugs = res.json.organisations.map((o) => o.slug);
        for (const slug of ['boulangerie-martin', 'northwind-dental', 'famille-dubois']) assert.ok(slugs.includes(slug), slug);
        res = await api(s.url, '/api/v1/organisations?q=NORTHWIND&page=1', readKey);
        assert.equal(res.status, 200);
        assert.equal(res.json.organisations.length, 1);
        const northwind = res.json.organisations[0];
        assert.equal(northwind.slug, 'northwind-dental');
        assert.equal(northwind.member_count, 2);
        assert.equal(res.json.has_more, false);
        res = await api(s.url, '/api/v1/organisations?page=0', readKey);
        assert.equal(res.status, 400);

        res = await api(s.url, `/api/v1/organisations/${northwind.id}/users`, readKey);
        assert.equal(res.status, 403, 'organisations:read does not list contacts');
        assert.match(res.headers['www-authenticate'], /insufficient_scope/);
        assert.equal(res.json.error.code, 'insufficient_scope');

        res = await api(s.url, `/api/v1/organisations/${northwind.id}/users`, usersKey);
        assert.equal(res.status, 200, res.body);
        const emails = res.json.users.map((u) => u.email).sort();
        assert.deepEqual(emails, ['emma.wilson@northwind-dental.example', 'oliver.brown@northwind-dental.example']);
        assert.ok(!res.body.includes('password') && !res.body.includes('mfa'), 'no credential fields');
        res = await api(s.url, '/api/v1/organisations/999999/users', usersKey);
        assert.equal(res.status, 404);
        res = await api(s.url, '/api/v1/organisations/abc/users', usersKey);
        assert.equal(res.status, 404);
        res = await api(s.url, '/api/v1/organisations', usersKey);
        assert.equal(res.status, 403, 'users:read does not list organisations');
    });

    test('a revoked key stops working at once', async () => {
        const page = await admin.get('/admin/api-keys');
        const id = keyIdFrom(page.body, 'CRM sync');
        assert.ok(id, 'the key has a revoke form');
        let res = await admin.post(`/admin/api-keys/${id}/revoke`, {});
        assert.equal(res.status, 303);
        assert.equal(res.location, '/admin/api-keys?done=revoked');
        res = await admin.get(res.location);
        assert.match(res.body, /role="status"/);
        assert.equal(keyIdFrom(res.body, 'CRM sync'), null, 'no revoke button on a revoked key');
        res = await api(s.url, '/api/v1/whoami', readKey);
        assert.equal(res.status, 401);
        assert.match(res.headers['www-authenticate'], /^Bearer/);
        res = await admin.post('/admin/api-keys/999999/revoke', {});
        assert.equal(res.status, 404);
        // The other key still works.
        assert.equal((await api(s.url, '/api/v1/whoami', usersKey)).status, 200);
    });

    test('the audit page lists key events newest first, filters, and verifies the chain when asked', async () => {
        let page = await admin.get('/admin/audit');
        assert.equal(page.status, 200, page.body.slice(0, 500));
        assert.doesNotMatch(page.body, /badge--ok|badge--warn/, 'not verified on every view');
        assert.match(page.body, /<form class="inline-form" method="post" action="\/admin\/audit\/verify">/);
        let verified = await admin.post('/admin/audit/verify');
        assert.equal(verified.status, 200, verified.body.slice(0, 500));
        assert.match(verified.body, /badge--ok/, 'chain verified');
        assert.match(verified.body, /\d+ (entries checked|entrées vérifiées)/);
        assert.match(verified.body, /api_key\.revoked/, 'with the entries');
        verified = await admin.post('/admin/audit/verify', {}, { csrf: false });
        assert.equal(verified.status, 403, 'the form needs its token');
        assert.match(page.body, /api_key\.revoked/);
        assert.ok(page.body.indexOf('api_key.revoked') < page.body.indexOf('api_key.created'), 'newest first');
        page = await admin.get('/admin/audit?action=api_key.created');
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.body, /<code>api_key\.revoked<\/code>/);
        assert.match(page.body, /<code>api_key\.created<\/code>/);
        page = await admin.get(`/admin/audit?actor=${encodeURIComponent('ADMIN@lumiere.example')}&action=api_key.created`);
        assert.match(page.body, /<code>api_key\.created<\/code>/, 'the actor filter ignores case');
        page = await admin.get('/admin/audit?actor=nobody%40example.test');
        assert.doesNotMatch(page.body, /<code>api_key/);
        page = await admin.get('/admin/audit?from=2000-01-01&to=2000-01-02');
        assert.doesNotMatch(page.body, /<code>api_key/);
        for (const bad of ['organisation=abc', 'from=2026-13-01', 'to=yesterday', 'before_id=-3']) {
            page = await admin.get(`/admin/audit?${bad}`);
            assert.equal(page.status, 400, bad);
            assert.match(page.body, /role="alert"/);
        }
    });

    test('a customer of a demo organisation gets 404 on the admin pages', async () => {
        const customer = new Client(s.url);
        const res = await signIn(customer, CUSTOMER, CLIENT_PASSWORD);
        assert.equal(res.status, 303);
        rememberCookies(customer);
        for (const path of ['/admin/api-keys', '/admin/audit', '/admin/audit?action=signin']) {
            const page = await customer.get(path);
            assert.equal(page.status, 404, path);
            assert.doesNotMatch(page.body, /api_key|ck_[0-9a-f]{12}/);
        }
        await customer.get('/'); // a page with the session's token (the sign-out form)
        const verify = await customer.post('/admin/audit/verify');
        assert.equal(verify.status, 404, 'verifying the chain is for admins');
        assert.doesNotMatch(verify.body, /badge--ok|api_key/);
        await customer.get('/');
        let post = await customer.post('/admin/api-keys', { name: 'Mine', scopes: ['users:read'] });
        assert.equal(post.status, 404);
        post = await customer.post('/admin/api-keys/1/revoke', {});
        assert.equal(post.status, 404);
        const list = await admin.get('/admin/api-keys');
        assert.ok(!list.body.includes('>Mine<'), 'no key was created');
        assert.equal((await api(s.url, '/api/v1/whoami', usersKey)).status, 200, 'no key was revoked');
        // Anonymous: sent to sign in, never shown the page.
        const anonymous = await request(s.url, '/admin/api-keys');
        assert.equal(anonymous.status, 303);
    });

    test('no secret used by this run reaches the logs or the audit trail', async () => {
        rememberCookies(admin);
        const output = s.stdout() + '\n' + s.stderr();
        assert.ok(output.includes('/api/v1/whoami'), 'the access log was written');
        const trail = await auditRows(s.db);
        assert.match(trail, /api_key\.created/);
        const all = [
            ...DEMO_PASSWORDS.map((v) => ['demo password', v]),
            ...secrets.keys.flatMap((k) => [['API key', k], ['API key secret', k.slice(16)]]),
            ...secrets.totp.map((v) => ['TOTP secret', v]),
            ...secrets.cookies.map((v) => ['cookie value', v]),
        ];
        assert.ok(secrets.keys.length === 2 && secrets.totp.length === 1 && secrets.cookies.length >= 2);
        for (const [what, value] of all) {
            assert.ok(!output.includes(value), `${what} in the server output: ${lineWith(output, value)}`);
            assert.ok(!trail.includes(value), `${what} in the audit trail: ${lineWith(trail, value)}`);
        }
    });

    test('comptoir audit verify passes, then fails once an entry is altered', async () => {
        const env = { COMPTOIR_DATABASE_URL: s.db.url };
        let run = await runCli(['audit', 'verify'], { env });
        assert.equal(run.code, 0, run.stdout + run.stderr);
        const count = Number(/^audit trail intact: (\d+) entries$/m.exec(run.stdout)?.[1]);
        assert.ok(count >= 4, run.stdout);

        const id = await tamper(s.db);
        run = await runCli(['audit', 'verify'], { env });
        assert.equal(run.code, 1, run.stdout + run.stderr);
        assert.match(run.stdout, new RegExp(`^audit trail broken at entry ${id}$`, 'm'));
        await admin.get('/admin/audit');
        const page = await admin.post('/admin/audit/verify');
        assert.equal(page.status, 200);
        assert.match(page.body, /badge--warn/, 'the page shows the break');
        assert.ok(page.body.includes(`>${id}<`) || page.body.includes(` ${id}`), 'naming the entry');
    });
});
