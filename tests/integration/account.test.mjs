// The signed-in user's own pages through HTTP, as demo customers: profile,
// password change, e-mail change (link followed from the real SMTP sink), and
// "your devices" with revocation. Each test uses its own demo user, so the
// tests of this file do not disturb each other on the shared database.
import { forEachBackend, useServer, test, assert } from './lib.mjs';
import { Client, signIn, waitForMail, uniqueEmail } from './session-lib.mjs';

const PASSWORD = 'Demo-Client-2026!';
const NEW_PASSWORD = 'a fresh and long passphrase 42';
const IPHONE_UA =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
    'Version/17.5 Mobile/15E148 Safari/604.1';
const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const needsMail = MAILDIR ? {} : { skip: 'COMPTOIR_TEST_MAILDIR is not set (run under scripts/run-tests)' };

async function signedIn(url, email, options = {}) {
    const client = new Client(url, options);
    const res = await signIn(client, email, PASSWORD);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    return client;
}

/** [{id, current}] from the "your devices" table. */
function sessionRows(html) {
    return [...html.matchAll(/<tr data-session-id="(\d+)"( data-current="true")?>/g)].map((m) => ({
        id: Number(m[1]),
        current: Boolean(m[2]),
    }));
}

function assertSignedOut(res, what) {
    assert.equal(res.status, 303, `${what}: expected a redirect to sign-in, got ${res.status}`);
    assert.match(res.location, /^\/sign-in/, what);
}

forEachBackend('account pages', (backend) => {
    const s = useServer(backend);

    test('account pages need a session', async () => {
        const anonymous = new Client(s.url);
        for (const path of ['/account', '/account/security', '/account/sessions']) {
            const res = await anonymous.get(path);
            assertSignedOut(res, path);
            assert.match(res.location, /return_to=%2Faccount/);
        }
        await anonymous.get('/');
        const post = await anonymous.post('/account', { display_name: 'Nobody' });
        assert.equal(post.status, 403);
    });

    test('profile: French errors keep the values; a valid form is saved, extra fields ignored', async () => {
        const c = await signedIn(s.url, 'lucas.bernard@boulangerie-martin.example');
        let res = await c.get('/account?lang=fr');
        assert.equal(res.status, 200);
        assert.match(res.body, /<html lang="fr"/);
        assert.match(res.body, /value="Lucas Bernard"/);

        res = await c.post('/account', {
            display_name: '',
            phone: 'call me maybe',
            postal_address: '3 rue du Four\r\n75006 Paris',
            language: 'fr',
            time_zone: 'Mars/Olympus_Mons',
            notify_updates: '1',
        });
        assert.equal(res.status, 400);
        assert.match(res.body, /Certains champs sont à corriger/);
        assert.match(res.body, /Indiquez votre nom/);
        assert.match(res.body, /Indiquez un numéro de téléphone/);
        assert.match(res.body, /Choisissez un fuseau horaire/);
        assert.match(res.body, /id="phone"[^>]*aria-invalid="true"/);
        assert.match(res.body, /value="call me maybe"/, 'typed values are kept');
        assert.match(res.body, /3 rue du Four\n75006 Paris<\/textarea>/);

        res = await c.get('/account');
        res = await c.post('/account', {
            display_name: 'Lucas Bernard-Petit',
            phone: '+33 1 23 45 67 89',
            postal_address: '3 rue du Four\r\n75006 Paris',
            billing_address: '',
            language: 'en',
            time_zone: 'America/New_York',
            notify_news: '1',
            role: 'admin',
            organisation_id: '2',
            email: 'hijack@example.test',
        });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.equal(res.location, '/account?done=saved');
        res = await c.get(res.location);
        assert.match(res.body, /<html lang="en"/, 'the language chosen is used at once');
        assert.match(res.body, /Your profile has been saved/);
        assert.match(res.body, /value="Lucas Bernard-Petit"/);
        assert.match(res.body, /value="\+33 1 23 45 67 89"/);
        assert.match(res.body, /<option value="America\/New_York" selected>/);
        assert.match(res.body, /id="notify_news"[^>]*checked/);
        assert.doesNotMatch(res.body, /id="notify_updates"[^>]*checked/);
        assert.match(res.body, /lucas\.bernard@boulangerie-martin\.example/, 'e-mail unchanged');
        assert.doesNotMatch(res.body, /href="\/admin"/, 'role unchanged');
    });

    test('password change: wrong current refused, other devices signed out, notice mailed', needsMail, async () => {
        const email = 'oliver.brown@northwind-dental.example';
        const started = Date.now();
        const here = await signedIn(s.url, email);
        const phone = await signedIn(s.url, email, { userAgent: IPHONE_UA });
        assert.equal((await phone.get('/account')).status, 200);

        await here.get('/account/security');
        let res = await here.post('/account/password', {
            current_password: 'not-my-password-at-all',
            new_password: NEW_PASSWORD,
            new_password_confirm: NEW_PASSWORD,
        });
        assert.equal(res.status, 400);
        assert.match(res.body, /Your current password is not correct/);
        assert.doesNotMatch(res.body, /not-my-password-at-all|fresh and long/, 'passwords are never shown back');

        res = await here.post('/account/password', {
            current_password: PASSWORD,
            new_password: 'short',
            new_password_confirm: 'short',
        });
        assert.equal(res.status, 400);
        assert.match(res.body, /at least 12 characters/);

        res = await here.post('/account/password', {
            current_password: PASSWORD,
            new_password: NEW_PASSWORD,
            new_password_confirm: NEW_PASSWORD,
        });
        assert.equal(res.status, 303);
        assert.equal(res.location, '/account/security?done=password_changed');
        res = await here.get(res.location);
        assert.equal(res.status, 200, 'this device stays signed in');
        assert.match(res.body, /Your password has been changed/);
        assertSignedOut(await phone.get('/account'), 'the other device');

        const notice = await waitForMail(MAILDIR, { to: email, after: started, subject: /password was changed/ });
        assert.doesNotMatch(notice.text, /fresh and long/);

        const again = new Client(s.url);
        assert.equal((await signIn(again, email, NEW_PASSWORD)).status, 303, 'the new password works');
        const old = new Client(s.url);
        const refused = await signIn(old, email, PASSWORD);
        assert.notEqual(refused.status, 303, 'the old password no longer works');
    });

    test('e-mail change: password needed, link from the new address works once, old address told', needsMail, async () => {
        const email = 'paul.dubois@famille-dubois.example';
        const fresh = uniqueEmail('paul');
        const started = Date.now();
        const c = await signedIn(s.url, email);
        await c.get('/account/security');

        let res = await c.post('/account/email', { new_email: fresh, password: '' });
        assert.equal(res.status, 400);
        assert.match(res.body, new RegExp(`value="${fresh.replace(/[.]/g, '\\.')}"`), 'the address typed is kept');
        res = await c.post('/account/email', { new_email: fresh, password: 'not-my-password-at-all' });
        assert.equal(res.status, 400);
        res = await c.post('/account/email', { new_email: 'not an address', password: PASSWORD });
        assert.equal(res.status, 400);

        // An address that has an account: the same answer, and no link is sent to it.
        const taken = await c.post('/account/email', { new_email: 'emma.wilson@northwind-dental.example', password: PASSWORD });
        assert.equal(taken.status, 303);
        assert.equal(taken.location, '/account/security?done=email_sent');

        res = await c.post('/account/email', { new_email: fresh, password: PASSWORD });
        assert.equal(res.status, 303);
        assert.equal(res.location, taken.location, 'same answer for a free and a taken address');
        assert.match((await c.get(res.location)).body, /confirmation link is on its way|lien de confirmation/);

        const mail = await waitForMail(MAILDIR, { to: fresh, after: started });
        const link = mail.links.find((l) => l.includes('/account/email/confirm?token='));
        assert.ok(link, `a confirmation link in:\n${mail.text}`);
        await assert.rejects(
            waitForMail(MAILDIR, { to: 'emma.wilson@northwind-dental.example', after: started, subject: /new e-mail address|nouvelle adresse/, timeoutMs: 1500 }),
            /no mail/,
            'the owner of the taken address gets no link',
        );
        const { pathname, search } = new URL(link);
        const token = new URLSearchParams(search).get('token');

        // Followed in another browser, signed out: the token alone authorises.
        const browser = new Client(s.url);
        let page = await browser.get(pathname + search);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes(fresh), 'the page names the new address');
        assert.match(page.body, /name="token"/);
        res = await browser.post('/account/email/confirm', { token });
        assert.equal(res.status, 303);
        page = await browser.get(res.location);
        assert.equal(page.status, 200);
        assert.match(page.body, /has been changed|a été modifiée/);

        const reused = await browser.post('/account/email/confirm', { token });
        assert.equal(reused.status, 404, 'the link works once');
        assert.equal((await browser.get(pathname + search)).status, 404);

        const notice = await waitForMail(MAILDIR, { to: email, after: started, subject: /adresse e-mail de votre compte/ });
        assert.ok(notice, 'the old address is told of the change');

        res = await c.get('/account/security');
        assert.ok(res.body.includes(fresh), 'the account now shows the new address');
        assert.equal((await signIn(new Client(s.url), fresh, PASSWORD)).status, 303, 'sign-in with the new address');
    });

    test('your devices: revoke another session; another organisation gets 404; CSRF and Origin checked', async () => {
        const email = 'emma.wilson@northwind-dental.example';
        const desk = await signedIn(s.url, email);
        const phone = await signedIn(s.url, email, { userAgent: IPHONE_UA });

        let page = await desk.get('/account/sessions');
        assert.equal(page.status, 200);
        const rows = sessionRows(page.body);
        assert.ok(rows.length >= 2, `two sessions listed:\n${page.body.slice(0, 3000)}`);
        assert.equal(rows.filter((r) => r.current).length, 1, 'one is "this device"');
        assert.match(page.body, /Firefox on Linux/);
        assert.match(page.body, /Safari on iOS/);
        assert.match(page.body, /This device/);
        const phoneId = sessionRows((await phone.get('/account/sessions')).body).find((r) => r.current).id;
        assert.ok(rows.some((r) => r.id === phoneId && !r.current));

        // A contact of another organisation cannot end it, and learns nothing.
        const stranger = await signedIn(s.url, 'sophie.martin@boulangerie-martin.example');
        await stranger.get('/account/sessions');
        let res = await stranger.post(`/account/sessions/${phoneId}/revoke`, {});
        assert.equal(res.status, 404);
        const strangerList = await stranger.get('/account/sessions');
        assert.ok(!sessionRows(strangerList.body).some((r) => r.id === phoneId), 'not listed to others');
        assert.equal((await phone.get('/account')).status, 200, 'still signed in');

        // Without the token, or from a foreign page, nothing happens.
        await desk.get('/account/sessions');
        res = await desk.post(`/account/sessions/${phoneId}/revoke`, {}, { csrf: false });
        assert.equal(res.status, 403);
        res = await desk.post(`/account/sessions/${phoneId}/revoke`, {}, { origin: 'https://evil.example' });
        assert.equal(res.status, 403);
        res = await desk.post('/account/sessions/revoke-others', {}, { origin: 'https://evil.example' });
        assert.equal(res.status, 403);
        assert.equal((await phone.get('/account')).status, 200, 'still signed in');
        assert.equal((await desk.post('/account/sessions/not-a-number/revoke', {})).status, 404);

        await desk.get('/account/sessions');
        res = await desk.post(`/account/sessions/${phoneId}/revoke`, {});
        assert.equal(res.status, 303);
        assert.equal(res.location, '/account/sessions?done=session_revoked');
        assertSignedOut(await phone.get('/account'), 'the revoked device');
        page = await desk.get(res.location);
        assert.equal(page.status, 200);
        assert.match(page.body, /That device has been signed out/);
        assert.ok(!sessionRows(page.body).some((r) => r.id === phoneId));

        // Sign out all others.
        const laptop = await signedIn(s.url, email);
        assert.equal((await laptop.get('/account')).status, 200);
        await desk.get('/account/sessions');
        res = await desk.post('/account/sessions/revoke-others', {});
        assert.equal(res.status, 303);
        assertSignedOut(await laptop.get('/account'), 'after revoke-others');
        assert.equal((await desk.get('/account')).status, 200);
    });

    test('every account form refuses a missing token and a foreign Origin', async () => {
        const c = await signedIn(s.url, 'sophie.martin@boulangerie-martin.example');
        await c.get('/account/security');
        const forms = {
            '/account': { display_name: 'Mallory', language: 'en', time_zone: 'UTC' },
            '/account/password': { current_password: PASSWORD, new_password: NEW_PASSWORD, new_password_confirm: NEW_PASSWORD },
            '/account/email': { new_email: uniqueEmail('mallory'), password: PASSWORD },
            '/account/email/confirm': { token: '0'.repeat(64) },
            '/account/sessions/revoke-others': {},
        };
        for (const [path, fields] of Object.entries(forms)) {
            assert.equal((await c.post(path, fields, { csrf: false })).status, 403, `${path} without csrf_token`);
            assert.equal((await c.post(path, fields, { origin: 'https://evil.example' })).status, 403, `${path} foreign Origin`);
        }
        const page = await c.get('/account');
        assert.match(page.body, /value="Sophie Martin"/, 'nothing changed');
    });

    test('an unknown confirmation link says so', async () => {
        const res = await new Client(s.url).get('/account/email/confirm?token=' + 'ab'.repeat(32));
        assert.equal(res.status, 404);
        assert.match(res.body, /not valid|pas valide/);
    });
});

forEachBackend('your devices behind a proxy', (backend) => {
    // The proxy (127.0.0.1) is trusted, so X-Forwarded-For names the client.
    const s = useServer(backend, { env: { COMPTOIR_TRUSTED_PROXIES: '127.0.0.1' } });

    /** The address cell of this browser's row on "your devices". */
    function currentAddress(html) {
        const row = /<tr data-session-id="\d+" data-current="true">([\s\S]*?)<\/tr>/.exec(html);
        assert.ok(row, `no current row:\n${html.slice(0, 3000)}`);
        return [...row[1].matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]).find((cell) => /^[0-9a-f.:]+$/.test(cell));
    }

    test('each session shows the address it was last used from, not the one it signed in from', async () => {
        const from = (addr) => ({ 'X-Forwarded-For': addr });
        const client = new Client(s.url);
        await client.get('/sign-in', from('203.0.113.10'));
        const res = await client.post('/sign-in', { email: 'lucas.bernard@boulangerie-martin.example', password: PASSWORD }, {
            headers: from('203.0.113.10'),
        });
        assert.equal(res.status, 303);
        let page = await client.get('/account/sessions', from('203.0.113.10'));
        assert.equal(page.status, 200);
        assert.equal(currentAddress(page.body), '203.0.113.10');

        // The same session from another network (a phone leaving the office Wi-Fi).
        page = await client.get('/account/sessions', from('198.51.100.77'));
        assert.equal(page.status, 200);
        assert.equal(currentAddress(page.body), '198.51.100.77', 'the address of the latest use');
        page = await client.get('/account/sessions', from('198.51.100.77'));
        assert.equal(currentAddress(page.body), '198.51.100.77');
    });
});
