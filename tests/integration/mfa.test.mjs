// Two-step verification through the pages of the real server: a demo customer
// enrols (the secret is read from the page and codes computed from it), signs
// out, signs in with password + code, uses a recovery code once; staff are sent
// to /account/mfa until enrolled; every MFA form refuses a missing or foreign
// CSRF token, and a contact of another organisation acts only on themselves.
import { assert, forEachBackend, test, useServer } from './lib.mjs';
import { Client, enrolMfa, secretFrom, signIn, totpCode, waitForMail } from './session-lib.mjs';

const CUSTOMER = 'lucas.bernard@boulangerie-martin.example';
const OTHER_ORG_ADMIN = 'paul.dubois@famille-dubois.example';
const NORTHWIND = 'emma.wilson@northwind-dental.example';
const AGENT = 'camille.rousseau@lumiere.example';
const CLIENT_PASSWORD = 'Demo-Client-2026!';
const AGENT_PASSWORD = 'Demo-Agent-2026!';
const MFA_FORMS = ['/account/mfa/setup', '/account/mfa/confirm', '/account/mfa/recovery-codes', '/account/mfa/disable'];

/** Signed in (a full session) when /account/mfa answers 200. */
async function signedIn(client) {
    return (await client.get('/account/mfa')).status === 200;
}

async function signedInClient(url, email, password, options) {
    const client = new Client(url);
    const res = await signIn(client, email, password, options);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    return client;
}

/** The number in "You have N unused recovery codes". */
function codesLeft(html) {
    const m = /id="mfa-codes-left">[^<]*?(\d+)/.exec(html);
    return m ? Number(m[1]) : null;
}

forEachBackend('mfa', (backend) => {
    const s = useServer(backend, { freshDatabase: true });

    test('a customer enrols, signs in with a code, and uses a recovery code once', async () => {
        const started = Date.now();
        const client = await signedInClient(s.url, CUSTOMER, CLIENT_PASSWORD);

        let page = await client.get('/account/mfa');
        assert.equal(page.status, 200);
        assert.match(page.body, /action="\/account\/mfa\/setup"/, 'a set-up button when off');
        assert.equal(secretFrom(page.body), null, 'no secret before set-up');
        assert.doesNotMatch(page.body, /action="\/account\/mfa\/disable"/);

        // The password first: a stolen session cannot enrol its own authenticator.
        let res = await client.post('/account/mfa/setup', {});
        assert.equal(res.status, 422, 'no password');
        res = await client.post('/account/mfa/setup', { password: 'not the password at all' });
        assert.equal(res.status, 422, 'a wrong password');
        assert.equal(secretFrom(res.body), null, 'no secret shown');
        res = await client.post('/account/mfa/setup', { password: CLIENT_PASSWORD });
        assert.equal(res.status, 303);
        assert.equal(res.location, '/account/mfa?done=started');
        page = await client.get(res.location);
        assert.equal(page.status, 200);
        const secret = secretFrom(page.body);
        assert.match(secret ?? '', /^[A-Z2-7]{32}$/, 'the secret in text');
        assert.ok(page.body.includes(secret.match(/.{4}/g).join(' ')), 'the secret grouped by four');
        assert.match(page.body, /<svg [^>]*role="img"/, 'the QR code inlined');
        assert.match(page.body, /autocomplete="one-time-code"/);
        assert.match(page.body, /inputmode="numeric"/);
        assert.equal(page.headers['cache-control'], 'no-store');

        // A wrong first code is refused and the set-up stays pending.
        const right = totpCode(secret);
        res = await client.post('/account/mfa/confirm', { code: right === '000000' ? '000001' : '000000' });
        assert.equal(res.status, 422);
        assert.match(res.body, /role="alert"/);
        assert.equal(secretFrom(res.body), secret);

        // The previous step's code: the current one stays free for the sign-in below.
        res = await client.post('/account/mfa/confirm', { code: totpCode(secret, Math.floor(Date.now() / 1000) - 30) });
        assert.equal(res.status, 200, res.body.slice(0, 1000));
        assert.equal(res.headers['cache-control'], 'no-store', 'the codes page is never cached');
        const codes = [...res.body.matchAll(/data-recovery-code="([a-z0-9-]+)"/g)].map((m) => m[1]);
        assert.equal(codes.length, 10);
        for (const code of codes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

        page = await client.get('/account/mfa');
        assert.equal(codesLeft(page.body), 10);
        assert.equal(secretFrom(page.body), null, 'the secret is not shown once MFA is on');
        assert.match(page.body, /action="\/account\/mfa\/disable"/, 'a customer may turn it off');

        if (process.env.COMPTOIR_TEST_MAILDIR) {
            const mail = await waitForMail(process.env.COMPTOIR_TEST_MAILDIR, { to: CUSTOMER, after: started });
            assert.ok(!mail.text.includes(secret), 'the notice does not carry the secret');
        }

        res = await client.post('/sign-out', {});
        assert.equal(res.status, 303);
        assert.equal(await signedIn(client), false);

        // Password alone is not enough any more.
        const halfway = new Client(s.url);
        await halfway.get('/sign-in');
        res = await halfway.post('/sign-in', { email: CUSTOMER, password: CLIENT_PASSWORD });
        assert.equal(res.status, 303);
        assert.match(res.location, /^\/sign-in\/code/);
        assert.equal(await signedIn(halfway), false, 'no member page before the code');

        const code = totpCode(secret);
        const withCode = await signedInClient(s.url, CUSTOMER, CLIENT_PASSWORD, { code });
        assert.equal(await signedIn(withCode), true);
        // The same code a second time is a replay.
        const replay = new Client(s.url);
        res = await signIn(replay, CUSTOMER, CLIENT_PASSWORD, { code });
        assert.notEqual(res.status, 303);
        assert.equal(await signedIn(replay), false);

        // A recovery code works once, typed in capitals.
        const recovered = await signedInClient(s.url, CUSTOMER, CLIENT_PASSWORD, { code: codes[0].toUpperCase() });
        assert.equal(await signedIn(recovered), true);
        assert.equal(codesLeft((await recovered.get('/account/mfa')).body), 9);
        const again = new Client(s.url);
        res = await signIn(again, CUSTOMER, CLIENT_PASSWORD, { code: codes[0] });
        assert.notEqual(res.status, 303);
        assert.equal(await signedIn(again), false);

        // Regenerating needs the password and replaces the codes.
        await recovered.get('/account/mfa');
        res = await recovered.post('/account/mfa/recovery-codes', { password: 'not the password at all' });
        assert.equal(res.status, 422);
        res = await recovered.post('/account/mfa/recovery-codes', { password: CLIENT_PASSWORD });
        assert.equal(res.status, 200);
        const fresh = [...res.body.matchAll(/data-recovery-code="([a-z0-9-]+)"/g)].map((m) => m[1]);
        assert.equal(fresh.length, 10);
        const old = new Client(s.url);
        res = await signIn(old, CUSTOMER, CLIENT_PASSWORD, { code: codes[1] });
        assert.notEqual(res.status, 303, 'an old code no longer works');

        // Turning it off needs the password too.
        await recovered.get('/account/mfa');
        res = await recovered.post('/account/mfa/disable', { password: 'wrong password here' });
        assert.equal(res.status, 422);
        res = await recovered.post('/account/mfa/disable', { password: CLIENT_PASSWORD });
        assert.equal(res.status, 303);
        assert.equal(res.location, '/account/mfa?done=disabled');
        page = await recovered.get(res.location);
        assert.match(page.body, /action="\/account\/mfa\/setup"/);
        assert.match(page.body, /role="status"/);
        assert.equal(await signedIn(withCode), false, 'turning MFA off ended the other sessions');
        await signedInClient(s.url, CUSTOMER, CLIENT_PASSWORD);  // no code asked any more
    });

    test('the session gets a new token once the code is accepted; the first-step token is dead', async () => {
        const email = 'oliver.brown@northwind-dental.example';
        const owner = await signedInClient(s.url, email, CLIENT_PASSWORD);
        const { secret } = await enrolMfa(owner);

        const client = new Client(s.url);
        await client.get('/sign-in');
        let res = await client.post('/sign-in', { email, password: CLIENT_PASSWORD });
        assert.match(res.location ?? '', /^\/sign-in\/code/);
        const halfway = client.cookies.get('comptoir_session');
        assert.match(halfway ?? '', /^[0-9a-f]{64}$/);
        await client.get(res.location);
        res = await client.post('/sign-in/code', { code: totpCode(secret) });
        assert.equal(res.status, 303);
        const full = client.cookies.get('comptoir_session');
        assert.match(full ?? '', /^[0-9a-f]{64}$/);
        assert.notEqual(full, halfway, 'a new token for the signed-in session');
        assert.equal(await signedIn(client), true);

        // Whoever saw the first-step token (before the second factor) gets nothing with it.
        const stale = new Client(s.url);
        stale.cookies.set('comptoir_session', halfway);
        assert.equal(await signedIn(stale), false);
        const code = await stale.get('/sign-in/code');
        assert.equal(code.status, 303);
        assert.equal(code.location, '/sign-in', 'not even the code page');
        assert.equal(await signedIn(client), true, 'the new token still works');
    });

    test('wrong codes sent all at once stop at the lock', async () => {
        const email = 'sophie.martin@boulangerie-martin.example';
        const owner = await signedInClient(s.url, email, CLIENT_PASSWORD);
        const { secret } = await enrolMfa(owner);
        const right = totpCode(secret);
        const wrong = right === '123456' ? '654321' : '123456';

        const client = new Client(s.url);
        await client.get('/sign-in');
        const first = await client.post('/sign-in', { email, password: CLIENT_PASSWORD });
        assert.match(first.location ?? '', /^\/sign-in\/code/);
        await client.get(first.location);
        const answers = await Promise.all(Array.from({ length: 12 }, () => client.post('/sign-in/code', { code: wrong })));
        const statuses = answers.map((r) => r.status);
        const checked = statuses.filter((code) => code === 401).length;
        assert.equal(checked + statuses.filter((code) => code === 429).length, statuses.length, statuses.join(' '));
        assert.ok(checked <= 6, `five free codes and the one that locks may be checked, not ${checked}`);
        const locked = await client.post('/sign-in/code', { code: right });
        assert.equal(locked.status, 429, 'locked, even for the right code');
    });

    test('staff are sent to /account/mfa until they enrol, and cannot turn it off', async () => {
        const client = await signedInClient(s.url, AGENT, AGENT_PASSWORD);
        for (const path of ['/account', '/account/sessions']) {
            const res = await client.get(path);
            assert.equal(res.status, 303, path);
            assert.equal(res.location, '/account/mfa', path);
        }
        const page = await client.get('/account/mfa');
        assert.equal(page.status, 200);
        assert.match(page.body, /id="mfa-required"/, 'the page says MFA is mandatory');

        const { secret } = await enrolMfa(client);
        assert.equal((await client.get('/account')).status, 200, 'member pages open once enrolled');
        const on = await client.get('/account/mfa');
        assert.doesNotMatch(on.body, /action="\/account\/mfa\/disable"/, 'no way to turn it off is offered');
        const res = await client.post('/account/mfa/disable', { password: AGENT_PASSWORD });
        assert.equal(res.status, 403);
        // Still on: signing in asks for a code.
        const next = new Client(s.url);
        await next.get('/sign-in');
        const first = await next.post('/sign-in', { email: AGENT, password: AGENT_PASSWORD });
        assert.match(first.location ?? '', /^\/sign-in\/code/);
        assert.ok(secret);
    });

    test('MFA forms refuse a missing, wrong or cross-site CSRF token', async () => {
        const client = await signedInClient(s.url, NORTHWIND, CLIENT_PASSWORD);
        await client.get('/account/mfa');
        for (const path of MFA_FORMS) {
            const fields = { code: '123456', password: CLIENT_PASSWORD };
            assert.equal((await client.post(path, fields, { csrf: false })).status, 403, `${path} without token`);
            assert.equal((await client.post(path, { ...fields, csrf_token: 'f'.repeat(64) })).status, 403,
                `${path} wrong token`);
            await client.get('/account/mfa');
            assert.equal((await client.post(path, fields, { origin: 'https://evil.example' })).status, 403,
                `${path} foreign Origin`);
            // Anonymous visitors get 403 too (no session, no valid token).
            const anonymous = new Client(s.url);
            await anonymous.get('/sign-in');
            assert.equal((await anonymous.post(path, fields)).status, 403, `${path} anonymous`);
        }
        const anonymous = await new Client(s.url).get('/account/mfa');
        assert.equal(anonymous.status, 303);
        assert.match(anonymous.location, /^\/sign-in\?return_to=%2Faccount%2Fmfa/);
        // Nothing changed: still off.
        assert.match((await client.get('/account/mfa')).body, /action="\/account\/mfa\/setup"/);
    });

    test("another organisation's contact acts only on their own second factor", async () => {
        const owner = await signedInClient(s.url, NORTHWIND, CLIENT_PASSWORD);
        const { secret } = await enrolMfa(owner);
        const intruder = await signedInClient(s.url, OTHER_ORG_ADMIN, CLIENT_PASSWORD);
        await intruder.get('/account/mfa');
        // Extra fields naming someone else are ignored: these act on the intruder's own account.
        const extra = { user_id: '1', email: NORTHWIND, organisation_id: '1' };
        let res = await intruder.post('/account/mfa/disable', { ...extra, password: CLIENT_PASSWORD });
        assert.notEqual(res.status, 303, 'nothing to turn off on their own account');
        res = await intruder.post('/account/mfa/recovery-codes', { ...extra, password: CLIENT_PASSWORD });
        assert.doesNotMatch(res.body, /data-recovery-code=/);
        res = await intruder.post('/account/mfa/confirm', { ...extra, code: totpCode(secret) });
        assert.notEqual(res.status, 200);
        assert.doesNotMatch(res.body, /data-recovery-code=/);
        // The owner's MFA is untouched: ten codes, still asked at sign-in.
        assert.equal(codesLeft((await owner.get('/account/mfa')).body), 10);
        const next = new Client(s.url);
        await next.get('/sign-in');
        const first = await next.post('/sign-in', { email: NORTHWIND, password: CLIENT_PASSWORD });
        assert.match(first.location ?? '', /^\/sign-in\/code/);
    });
});
