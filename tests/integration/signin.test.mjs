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

const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const CUSTOMER = 'lucas.bernard@boulangerie-martin.example';
const CLIENT_PASSWORD = 'Demo-Client-2026!';

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
        ]) {
            const client = new Client(s.url);
            const res = await signIn(client, 'emma.wilson@northwind-dental.example', CLIENT_PASSWORD, { returnTo: asked });
            assert.equal(res.status, 303);
            assert.equal(res.location, expected, `return_to ${asked}`);
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
