// Sign-in, sign-out, sign-up with e-mail verification and password reset,
// through the real binary, the real database and the real SMTP sink.
import {
    after,
    assert,
    assertCleanExit,
    before,
    describe,
    forEachBackend,
    request,
    seededDatabase,
    startServer,
    test,
    useServer,
} from './lib.mjs';
import { Client, csrfFrom, signIn, uniqueEmail, waitForMail } from './session-lib.mjs';

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const CUSTOMER = 'lucas.bernard@boulangerie-martin.example';
const CLIENT_PASSWORD = 'Demo-Client-2026!';

/** Runs one SQL statement on the test database (sqlite3 or psql); its output, trimmed. */
async function sql(db, statement) {
    const { stdout } =
        db.kind === 'postgres'
            ? await execFileP('psql', [db.url, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', statement])
            : await execFileP('sqlite3', ['-cmd', '.timeout 10000', db.file, statement]);
    return stdout.trim();
}

/** The sessions row key of a cookie token: the server stores only its SHA-256. */
const tokenHash = (token) => crypto.createHash('sha256').update(token).digest('hex');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** X-Forwarded-For for a server that trusts 127.0.0.1: each test its own client address. */
const from = (addr) => ({ 'X-Forwarded-For': addr });

/** A client that has loaded `page` (so it holds the form's CSRF token), as seen from `addr`. */
async function clientOn(url, page, addr) {
    const client = new Client(url);
    await client.get(page, addr ? from(addr) : {});
    return client;
}

/** Posts a form and measures the answer's time: {res, ms}. */
async function timedPost(client, target, fields, addr) {
    const started = process.hrtime.bigint();
    const res = await client.post(target, fields, { headers: addr ? from(addr) : {} });
    return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

// The page without what differs between two renders (tokens, request ids).
const normalise = (html) =>
    html.replace(/[0-9a-f]{64}/g, 'TOKEN').replace(/[0-9a-f]{16,32}/g, 'ID').replace(/value="[^"]*@[^"]*"/g, 'value="EMAIL"');

forEachBackend('sign-in', (backend) => {
    const s = useServer(backend, { env: { COMPTOIR_SELF_REGISTRATION: 'true' } });

    test('a customer signs in with a fresh HttpOnly SameSite=Lax cookie and signs out', async () => {
        const client = new Client(s.url);
        client.cookies.set('comptoir_session', 'f'.repeat(64));  // planted before sign-in: must not survive
        const res = await signIn(client, CUSTOMER, CLIENT_PASSWORD);
        assert.equal(res.status, 303);
        assert.equal(res.location, '/');
        const cookie = res.headers['set-cookie'].find((c) => c.startsWith('comptoir_session='));
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Lax/);
        assert.doesNotMatch(cookie, /Secure/, 'no Secure flag over plain HTTP');
        const token = client.cookies.get('comptoir_session');
        assert.notEqual(token, 'f'.repeat(64));
        const home = await client.get('/');
        assert.match(home.body, /Lucas Bernard/);
        assert.equal(home.headers['cache-control'], 'no-store');

        const out = await client.post('/sign-out', {});
        assert.equal(out.status, 303);
        const replay = new Client(s.url);
        replay.cookies.set('comptoir_session', token);
        const after = await replay.get('/account');
        assert.equal(after.status, 303, 'the old cookie no longer works');
        assert.match(after.location, /^\/sign-in\?return_to=%2Faccount/);
    });

    test('a wrong password and an unknown address get the same answer', async () => {
        const a = new Client(s.url);
        await a.get('/sign-in');
        const wrong = await a.post('/sign-in', { email: 'paul.dubois@famille-dubois.example', password: 'not the right one!' });
        const b = new Client(s.url);
        await b.get('/sign-in');
        const unknown = await b.post('/sign-in', { email: 'nobody-here@famille-dubois.example', password: 'not the right one!' });
        assert.equal(wrong.status, 401);
        assert.equal(unknown.status, 401);
        assert.equal(normalise(wrong.body), normalise(unknown.body));
        assert.match(wrong.body, /The e-mail address or the password is not right/);
        assert.doesNotMatch(wrong.body, /not the right one/, 'the password is never echoed');
    });

    test('errors are in the visitor\'s language', async () => {
        const client = new Client(s.url);
        await client.get('/sign-in?lang=fr');
        client.cookies.set('comptoir_lang', 'fr');
        const res = await client.post('/sign-in', { email: 'x@example.test', password: 'nope nope nope' });
        assert.match(res.body, /L’adresse e-mail ou le mot de passe n’est pas correct/);
    });

    test('forms without the CSRF token or from another origin are refused', async () => {
        const client = new Client(s.url);
        await client.get('/sign-in');
        const missing = await client.post('/sign-in', { email: CUSTOMER, password: CLIENT_PASSWORD }, { csrf: false });
        assert.equal(missing.status, 403);
        const foreign = await client.post('/sign-in', { email: CUSTOMER, password: CLIENT_PASSWORD }, { origin: 'https://evil.example' });
        assert.equal(foreign.status, 403, 'a valid token from a foreign origin is still refused');
        assert.ok(!foreign.headers['set-cookie']?.some((c) => c.startsWith('comptoir_session=')));
    });

    test('return_to only leads to paths of this site', async () => {
        for (const [asked, expected] of [
            ['/account', '/account'],
            ['//evil.example/x', '/'],
            ['https://evil.example/', '/'],
            ['/\\evil.example', '/'],
            // As they arrive once the form field is decoded.
            ['%2F%2Fevil.example', '/'],
            ['/%09/evil.example', '/%09/evil.example'],  // a path of this site: %09 stays encoded
            ['/\t/evil.example', '/'],
            ['https:evil.example', '/'],
            ['/\\/evil.example', '/'],
        ]) {
            const client = new Client(s.url);
            const res = await signIn(client, 'emma.wilson@northwind-dental.example', CLIENT_PASSWORD, { returnTo: asked });
            assert.equal(res.status, 303);
            assert.equal(res.location, expected, `return_to ${asked}`);
        }
    });

    test('return_to in the sign-in link only leads to paths of this site, however it is encoded', async () => {
        // The link as an attacker would write it: decoded once by the server, kept
        // in the form, posted back.
        for (const raw of ['%2F%2Fevil.example', '/%09/evil.example', '%2F%09%2Fevil.example', '/%5Cevil.example',
            '%5C%5Cevil.example', 'https:evil.example', 'https%3A%2F%2Fevil.example', '%252F%252Fevil.example',
            '/%2F/evil.example', '%0D%0ALocation:%20https://evil.example']) {
            const client = new Client(s.url);
            const page = await client.get(`/sign-in?return_to=${raw}`);
            assert.equal(page.status, 200, raw);
            const kept = /name="return_to" value="([^"]*)"/.exec(page.body)?.[1];
            assert.ok(kept !== undefined, `the form keeps a return_to (${raw})`);
            const res = await client.post('/sign-in', {
                email: 'emma.wilson@northwind-dental.example',
                password: CLIENT_PASSWORD,
                return_to: kept.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))),
            });
            assert.equal(res.status, 303, raw);
            const target = new URL(res.location, s.url);
            assert.equal(target.origin, new URL(s.url).origin, `${raw} led to ${res.location}`);
            assert.match(res.location, /^\/(?![\/\\])/, `${raw}: a path, not //host or /\\host (${res.location})`);
            assert.doesNotMatch(res.location, /[\x00-\x1f]/, raw);
        }
    });

    test('behind a trusted proxy over HTTPS the cookie is __Host- and Secure', async () => {
        const proxied = await startServer({
            db: s.db,
            env: { COMPTOIR_TRUSTED_PROXIES: '127.0.0.1', COMPTOIR_PUBLIC_URL: 'https://portal.example' },
        });
        try {
            const headers = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.5' };
            const page = await request(proxied.url, '/sign-in', { headers });
            const csrfCookie = page.headers['set-cookie'].find((c) => c.startsWith('__Host-comptoir_csrf='));
            assert.match(csrfCookie, /Secure/);
            const token = csrfFrom(page.body);
            const body = new URLSearchParams({ csrf_token: token, email: 'oliver.brown@northwind-dental.example', password: CLIENT_PASSWORD });
            const res = await request(proxied.url, '/sign-in', {
                method: 'POST',
                headers: {
                    ...headers,
                    Origin: 'https://portal.example',
                    Cookie: `__Host-comptoir_csrf=${token}`,
                    'Content-Type': 'application/x-www-form-urlencoded',
                },
                body: body.toString(),
            });
            assert.equal(res.status, 303);
            const session = res.headers['set-cookie'].find((c) => c.startsWith('__Host-comptoir_session='));
            assert.ok(session, 'the session cookie has the __Host- prefix');
            assert.match(session, /; Secure/);
            assert.match(session, /Path=\//);
            assert.doesNotMatch(session, /Domain=/);
        } finally {
            assertCleanExit(await proxied.stop(), proxied);
        }
    });

    test('sign-up: verify the address from the e-mail, then sign in', { skip: !MAILDIR && 'needs the SMTP sink' }, async () => {
        const email = uniqueEmail('signup');
        const password = 'une phrase assez longue';
        const client = new Client(s.url);
        await client.get('/sign-up?lang=fr');
        const started = Date.now();
        const res = await client.post('/sign-up', { name: 'Nina Petit', email, password, password_confirm: password });
        assert.equal(res.status, 200);
        assert.match(res.body, /Consultez vos e-mails/);

        const early = await signIn(new Client(s.url), email, password);
        assert.equal(early.status, 403, 'no sign-in before the address is verified');

        const mail = await waitForMail(MAILDIR, { to: email, after: started - 1000 });
        const link = mail.links.find((l) => l.includes('/verify-email?token='));
        assert.ok(link, `a verification link in: ${mail.text}`);
        const verified = await client.get(new URL(link).pathname + new URL(link).search);
        assert.equal(verified.status, 303);
        const again = await client.get(new URL(link).pathname + new URL(link).search);
        assert.equal(again.status, 404, 'the link works once');

        const ok = await signIn(new Client(s.url), email, password);
        assert.equal(ok.status, 303);
    });

    test('sign-up with a taken address looks the same and mails the owner', { skip: !MAILDIR && 'needs the SMTP sink' }, async () => {
        const fresh = new Client(s.url);
        await fresh.get('/sign-up');
        const newcomer = await fresh.post('/sign-up', { name: 'A', email: uniqueEmail('x'), password: 'long enough password', password_confirm: 'long enough password' });
        const taken = new Client(s.url);
        await taken.get('/sign-up');
        const started = Date.now();
        const existing = await taken.post('/sign-up', { name: 'A', email: 'paul.dubois@famille-dubois.example', password: 'long enough password', password_confirm: 'long enough password' });
        assert.equal(existing.status, newcomer.status);
        assert.equal(normalise(existing.body), normalise(newcomer.body));
        const mail = await waitForMail(MAILDIR, { to: 'paul.dubois@famille-dubois.example', after: started - 1000 });
        assert.ok(mail.links.some((l) => l.includes('/password/forgot')));
    });

    test('password reset by e-mail: single use, same answer for unknown addresses', { skip: !MAILDIR && 'needs the SMTP sink' }, async () => {
        // A fresh account, so no other test's mail gets in the way.
        const email = uniqueEmail('reset');
        const client = new Client(s.url);
        await client.get('/sign-up');
        let started = Date.now();
        await client.post('/sign-up', { name: 'Rémi', email, password: 'first long password', password_confirm: 'first long password' });
        const verify = await waitForMail(MAILDIR, { to: email, after: started - 1000 });
        const verifyLink = new URL(verify.links.find((l) => l.includes('/verify-email?token=')));
        assert.equal((await client.get(verifyLink.pathname + verifyLink.search)).status, 303);
        const other = new Client(s.url);
        assert.equal((await signIn(other, email, 'first long password')).status, 303);

        const asker = new Client(s.url);
        await asker.get('/password/forgot');
        started = Date.now();
        const known = await asker.post('/password/forgot', { email });
        await asker.get('/password/forgot');
        const unknown = await asker.post('/password/forgot', { email: uniqueEmail('ghost') });
        assert.equal(known.status, unknown.status);
        assert.equal(normalise(known.body), normalise(unknown.body));

        const mail = await waitForMail(MAILDIR, { to: email, after: started - 1000, subject: /password|passe/i });
        const link = new URL(mail.links.find((l) => l.includes('/password/reset?token=')));
        const form = await asker.get(link.pathname + link.search);
        assert.equal(form.status, 200);
        assert.equal(form.headers['referrer-policy'], 'same-origin', 'the token in the URL is never sent to another site');
        const weak = await asker.post('/password/reset', { token: link.searchParams.get('token'), password: 'short', password_confirm: 'short' });
        assert.equal(weak.status, 400);
        const done = await asker.post('/password/reset', { token: link.searchParams.get('token'), password: 'second long password', password_confirm: 'second long password' });
        assert.equal(done.status, 303);
        const reused = await asker.post('/password/reset', { token: link.searchParams.get('token'), password: 'third long password!', password_confirm: 'third long password!' });
        assert.equal(reused.status, 404);

        assert.equal((await other.get('/account')).status, 303, 'the reset ended the other sessions');
        assert.equal((await signIn(new Client(s.url), email, 'first long password')).status, 401);
        assert.equal((await signIn(new Client(s.url), email, 'second long password')).status, 303);
    });
});

forEachBackend('sign-in throttling', (backend) => {
    test('failures lock the account, and the lock survives a restart', async () => {
        const { db } = await seededDatabase(backend);
        let server = await startServer({ db });
        try {
            const victim = 'sophie.martin@boulangerie-martin.example';
            for (let i = 0; i < 6; i++) {
                const res = await signIn(new Client(server.url), victim, `wrong password ${i}!`);
                assert.equal(res.status, 401, `attempt ${i + 1}`);
            }
            assert.equal((await signIn(new Client(server.url), victim, CLIENT_PASSWORD)).status, 429);
            assertCleanExit(await server.stop(), server);
            server = await startServer({ db });
            const res = await signIn(new Client(server.url), victim, CLIENT_PASSWORD);
            assert.equal(res.status, 429, 'still locked after a restart');
            assert.match(res.body, /Too many attempts/);
        } finally {
            assertCleanExit(await server.stop(), server);
        }
    });

    test('X-Forwarded-For from an untrusted peer does not escape the per-address lock', async () => {
        const { db } = await seededDatabase(backend);
        const server = await startServer({ db });  // no trusted proxies
        try {
            for (let i = 0; i < 21; i++) {
                const client = new Client(server.url);
                await client.get('/sign-in');
                const res = await client.post('/sign-in', { email: `nobody${i}@example.test`, password: 'wrong password here' }, {
                    headers: { 'X-Forwarded-For': `198.51.100.${i}` },
                });
                assert.equal(res.status, 401, `attempt ${i + 1}`);
            }
            const res = await signIn(new Client(server.url), 'oliver.brown@northwind-dental.example', CLIENT_PASSWORD);
            assert.equal(res.status, 429, 'the real peer address is locked whatever the header says');
        } finally {
            assertCleanExit(await server.stop(), server);
        }
    });
});

forEachBackend('sign-in under attack', (backend) => {
    // A proxy (127.0.0.1) is trusted, so each test picks its client address with X-Forwarded-For.
    const s = useServer(backend, {
        env: { COMPTOIR_TRUSTED_PROXIES: '127.0.0.1', COMPTOIR_SELF_REGISTRATION: 'true' },
        freshDatabase: true,
    });

    test('wrong passwords sent all at once stop at the account lock', async () => {
        const victim = 'oliver.brown@northwind-dental.example';
        const addr = '203.0.113.21';
        const clients = await Promise.all(Array.from({ length: 12 }, () => clientOn(s.url, '/sign-in', addr)));
        const answers = await Promise.all(
            clients.map((c, i) => c.post('/sign-in', { email: victim, password: `wrong guess ${i}!` }, { headers: from(addr) })),
        );
        const statuses = answers.map((r) => r.status);
        const checked = statuses.filter((code) => code === 401).length;
        assert.equal(checked + statuses.filter((code) => code === 429).length, statuses.length, statuses.join(' '));
        assert.ok(checked <= 6, `only five free guesses and the one that locks may be checked, not ${checked}: ${statuses.join(' ')}`);
        const right = await clientOn(s.url, '/sign-in', '203.0.113.22');
        const res = await right.post('/sign-in', { email: victim, password: CLIENT_PASSWORD }, { headers: from('203.0.113.22') });
        assert.equal(res.status, 429, 'the account is locked, even for the right password');
    });

    test('wrong passwords for many accounts sent all at once stop at the address lock', async () => {
        const addr = '203.0.113.31';
        const clients = await Promise.all(Array.from({ length: 26 }, () => clientOn(s.url, '/sign-in', addr)));
        const answers = await Promise.all(
            clients.map((c) => c.post('/sign-in', { email: uniqueEmail('spray'), password: 'Summer2026!' }, { headers: from(addr) })),
        );
        const statuses = answers.map((r) => r.status);
        const checked = statuses.filter((code) => code === 401).length;
        assert.equal(checked + statuses.filter((code) => code === 429).length, statuses.length, statuses.join(' '));
        assert.ok(checked <= 21, `twenty free guesses and the one that locks, not ${checked}`);
        const right = await clientOn(s.url, '/sign-in', addr);
        const res = await right.post('/sign-in', { email: 'paul.dubois@famille-dubois.example', password: CLIENT_PASSWORD }, {
            headers: from(addr),
        });
        assert.equal(res.status, 429, 'the address is locked for every account');
    });

    // The answers are the same (tested above); the time they take must not tell
    // either. Medians of a few tries, compared loosely: the machine is shared and
    // the binary may run under sanitizers, but skipping the password hash for
    // unknown addresses would make them several times faster.
    test('an unknown address takes about as long as a wrong password', async (t) => {
        const known = [];
        const unknown = [];
        for (let i = 0; i < 5; i++) {
            const addr = `198.51.100.${40 + i}`;
            const a = await timedPost(await clientOn(s.url, '/sign-in', addr), '/sign-in',
                { email: 'sophie.martin@boulangerie-martin.example', password: `not her password ${i}` }, addr);
            const b = await timedPost(await clientOn(s.url, '/sign-in', addr), '/sign-in',
                { email: uniqueEmail('nobody'), password: `not her password ${i}` }, addr);
            assert.equal(a.res.status, 401);
            assert.equal(b.res.status, 401);
            known.push(a.ms);
            unknown.push(b.ms);
        }
        t.diagnostic(`median: unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`);
        assert.ok(median(unknown) >= median(known) / 2,
            `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms (${unknown.map(Math.round)} / ${known.map(Math.round)})`);
    });

    test('signing up with a taken address takes about as long as with a new one', async (t) => {
        const password = 'a long enough passphrase';
        const taken = uniqueEmail('taken');
        const first = await clientOn(s.url, '/sign-up', '198.18.0.1');
        assert.equal((await first.post('/sign-up', { name: 'T', email: taken, password, password_confirm: password },
            { headers: from('198.18.0.1') })).status, 200);
        const fresh = [];
        const existing = [];
        for (let i = 0; i < 5; i++) {
            // Sign-ups are limited per client address: one address per try.
            const a = `198.18.1.${i + 1}`;
            const b = `198.18.2.${i + 1}`;
            const n = await timedPost(await clientOn(s.url, '/sign-up', a), '/sign-up',
                { name: 'N', email: uniqueEmail('new'), password, password_confirm: password }, a);
            const t = await timedPost(await clientOn(s.url, '/sign-up', b), '/sign-up',
                { name: 'N', email: taken, password, password_confirm: password }, b);
            assert.equal(n.res.status, 200);
            assert.equal(t.res.status, 200);
            fresh.push(n.ms);
            existing.push(t.ms);
        }
        t.diagnostic(`median: taken ${median(existing).toFixed(1)} ms, new ${median(fresh).toFixed(1)} ms`);
        assert.ok(median(existing) >= median(fresh) / 2,
            `taken ${median(existing).toFixed(1)} ms vs new ${median(fresh).toFixed(1)} ms (${existing.map(Math.round)} / ${fresh.map(Math.round)})`);
    });

    test('a password typed into the e-mail field stays out of the audit trail', async () => {
        const misplaced = `Tr0ub4dor-${crypto.randomBytes(4).toString('hex')}`;
        const client = await clientOn(s.url, '/sign-in', '203.0.113.41');
        const res = await client.post('/sign-in', { email: misplaced, password: 'whatever was typed here' }, {
            headers: from('203.0.113.41'),
        });
        assert.equal(res.status, 401);
        const ghost = uniqueEmail('ghost');
        await client.post('/sign-in', { email: ghost, password: 'whatever was typed here' }, { headers: from('203.0.113.41') });
        assert.equal(await sql(s.db, `SELECT COUNT(*) FROM audit_log WHERE actor_email = '${ghost}'`), '1',
            'an address tried is kept: someone probing accounts shows in the trail');
        // In any case: the server lower-cases what it takes for an address.
        const needle = misplaced.toLowerCase();
        assert.equal(await sql(s.db, `SELECT COUNT(*) FROM audit_log WHERE LOWER(actor_email) LIKE '%${needle}%' `
            + `OR LOWER(details) LIKE '%${needle}%' OR LOWER(target) LIKE '%${needle}%'`), '0');
    });

    test('without self-registration there is no sign-up', async () => {
        const closed = await startServer({ db: s.db });
        try {
            const page = await new Client(closed.url).get('/sign-up');
            assert.equal(page.status, 404);
            const signin = await new Client(closed.url).get('/sign-in');
            assert.doesNotMatch(signin.body, /href="\/sign-up"/, 'no link to it either');
            const client = await clientOn(closed.url, '/sign-in');
            const email = uniqueEmail('closed');
            const res = await client.post('/sign-up', { name: 'N', email, password: 'a long enough passphrase', password_confirm: 'a long enough passphrase' });
            assert.equal(res.status, 404);
            assert.equal(await sql(s.db, `SELECT COUNT(*) FROM users WHERE email = '${email}'`), '0');
        } finally {
            assertCleanExit(await closed.stop(), closed);
        }
    });

    test('session lifetimes come from the configuration', async () => {
        const short = await startServer({ db: s.db, env: { COMPTOIR_SESSION_IDLE_MINUTES: '1', COMPTOIR_SESSION_ABSOLUTE_HOURS: '1' } });
        try {
            const email = 'emma.wilson@northwind-dental.example';
            const idle = new Client(short.url);
            const busy = new Client(short.url);
            assert.equal((await signIn(idle, email, CLIENT_PASSWORD)).status, 303);
            assert.equal((await signIn(busy, email, CLIENT_PASSWORD)).status, 303);
            const idleKey = tokenHash(idle.cookies.get('comptoir_session'));
            const busyKey = tokenHash(busy.cookies.get('comptoir_session'));
            // One hour in all (the default is twelve).
            assert.equal(await sql(s.db, `SELECT expires_at - created_at FROM sessions WHERE token_hash = '${idleKey}'`), '3600');
            // Unused for 90 s and 30 s: past the minute configured (the default is 30) and within it.
            await sql(s.db, `UPDATE sessions SET last_seen_at = last_seen_at - 90 WHERE token_hash = '${idleKey}'`);
            await sql(s.db, `UPDATE sessions SET last_seen_at = last_seen_at - 30 WHERE token_hash = '${busyKey}'`);
            assert.equal((await busy.get('/account')).status, 200);
            const ended = await idle.get('/account');
            assert.equal(ended.status, 303, 'idle for longer than configured: signed out');
            assert.match(ended.location, /^\/sign-in/);
            assert.equal(await sql(s.db, `SELECT COUNT(*) FROM sessions WHERE token_hash = '${idleKey}'`), '0');
        } finally {
            assertCleanExit(await short.stop(), short);
        }
    });
});
