// Identity pages identity.test.mjs does not reach, in a real browser, in
// English and French, each checked with axe-core (WCAG 2.1 AA): the pages
// behind working e-mailed links (an invitation, an e-mail change), the
// "link sent" page of a forgotten password, pages that show a form refused
// (a wrong password, an invalid phone number, a mismatched or reused
// password, an API key without a scope), an organisation member as the
// administrator sees it, and the page that shows a new API key once.
import { recordSecret, after, assert, assertCleanExit, backends, before, describe, sharedDatabase, startServer, test } from '../integration/lib.mjs';
import { Client, enrolMfa, signIn, uniqueEmail, waitForMail } from '../integration/session-lib.mjs';
import { assertAccessible, assertLanguage, launchBrowser, newContext, recordBrowserSession, shareSession, submit } from './browser-lib.mjs';

const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const TEST_TIMEOUT_MS = 600_000;
const LANGS = ['en', 'fr'];
const ADMIN = { email: 'admin@lumiere.example', password: 'Demo-Admin-2026!' };
const SOPHIE = 'sophie.martin@boulangerie-martin.example'; // org admin of Boulangerie Martin
const CLIENT_PASSWORD = 'Demo-Client-2026!';
const NEW_PASSWORD = 'Un mot de passe assez long 2026';

/** Visible text that says what went wrong, in each language (the catalogues' words). */
const REFUSED = {
    en: /is not right|are not the same/,
    fr: /n’est pas correct|ne sont pas identiques/,
};

/** Path and query of an e-mailed link, with the page language chosen. */
function localPath(link, lang) {
    const url = new URL(link);
    url.searchParams.set('lang', lang);
    return url.pathname + url.search;
}

async function signedInClient(base, email, password) {
    const client = new Client(base);
    const res = await signIn(client, email, password);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}`);
    return client;
}

describe('identity pages from links, after errors, and for the administrator, in the browser', { skip: !MAILDIR && 'needs the SMTP sink (make test)' }, () => {
    const sqlite = backends().find((b) => b.name === 'sqlite');
    let server;
    let browser;
    before(async () => {
        const { db } = await sharedDatabase(sqlite);
        server = await startServer({ db });
        browser = await launchBrowser();
    }, { timeout: 300_000 });
    after(async () => {
        await browser?.close();
        if (server) assertCleanExit(await server.stop(), server);
    }, { timeout: 60_000 });

    test('an invitation link: the form, its refusals, then the account joined', { timeout: TEST_TIMEOUT_MS }, async () => {
        const sophie = await signedInClient(server.url, SOPHIE, CLIENT_PASSWORD);
        await sophie.get('/organisation/members');
        const email = uniqueEmail('e2e-invitee');
        const asked = Date.now();
        const res = await sophie.post('/organisation/members/invite', { email, display_name: 'Inès Invitée', role: 'customer', visibility: 'own', language: 'fr' });
        assert.equal(res.status, 303, `invitation sent: ${res.status}`);
        const mail = await waitForMail(MAILDIR, { to: email, after: asked - 1000 });
        const link = mail.links.find((l) => l.includes('/invitation?token='));
        assert.ok(link, 'an invitation link');

        for (const lang of LANGS) {
            const context = await newContext(browser, server.url, lang);
            const page = await context.newPage();
            const shown = await page.goto(localPath(link, lang));
            assert.equal(shown.status(), 200, 'the link works');
            await assertLanguage(page, lang, 'invitation');
            assert.ok((await page.locator('main').innerText()).includes(email), 'the page names the invited address');
            await assertAccessible(page, `invitation (${lang})`);

            // Two passwords that differ: the form comes back, saying so, and the link still works.
            await page.locator('#invitation-password').fill(NEW_PASSWORD);
            await page.locator('#invitation-password-confirm').fill(`${NEW_PASSWORD} bis`);
            assert.equal((await submit(page, '/invitation')).status(), 400);
            await assertLanguage(page, lang, 'invitation refused');
            assert.match(await page.locator('main').innerText(), REFUSED[lang], 'the refusal is explained');
            assert.equal(await page.locator('#invitation-password').count(), 1, 'the form is shown again');
            await assertAccessible(page, `invitation with mismatched passwords (${lang})`);
            await context.close();
        }

        // Accepted (in French): the sign-in page says the account is ready.
        const context = await newContext(browser, server.url, 'fr');
        const page = await context.newPage();
        await page.goto(localPath(link, 'fr'));
        await page.locator('#invitation-password').fill(NEW_PASSWORD);
        await page.locator('#invitation-password-confirm').fill(NEW_PASSWORD);
        assert.equal((await submit(page, '/invitation')).status(), 200);
        assert.match(page.url(), /\/sign-in\?/, 'on to the sign-in page');
        await assertLanguage(page, 'fr', 'invitation accepted');
        await assertAccessible(page, 'sign-in after the invitation was accepted (fr)');
        await context.close();
    });

    test('an e-mail change link: the confirmation page, then the change done; a dead link', { timeout: TEST_TIMEOUT_MS }, async () => {
        const paul = await signedInClient(server.url, 'paul.dubois@famille-dubois.example', CLIENT_PASSWORD);
        await paul.get('/account/security');
        const fresh = uniqueEmail('e2e-paul');
        const asked = Date.now();
        const res = await paul.post('/account/email', { new_email: fresh, password: CLIENT_PASSWORD });
        assert.equal(res.status, 303, `change asked: ${res.status}`);
        const mail = await waitForMail(MAILDIR, { to: fresh, after: asked - 1000 });
        const link = mail.links.find((l) => l.includes('/account/email/confirm?token='));
        assert.ok(link, 'a confirmation link');

        for (const lang of LANGS) {
            // Followed signed out, as from another device: the link alone is enough.
            const context = await newContext(browser, server.url, lang);
            const page = await context.newPage();
            assert.equal((await page.goto(localPath(link, lang))).status(), 200);
            await assertLanguage(page, lang, 'e-mail confirmation');
            assert.ok((await page.locator('main').innerText()).includes(fresh), 'the page names the new address');
            await assertAccessible(page, `e-mail change confirmation (${lang})`);
            if (lang === 'fr') {
                assert.equal((await submit(page, '/account/email/confirm')).status(), 200);
                await assertLanguage(page, lang, 'e-mail changed');
                assert.match(page.url(), /done=email_changed/);
                assert.equal(await page.locator('form[action="/account/email/confirm"]').count(), 0, 'no button once done');
                await assertAccessible(page, `e-mail changed (${lang})`);
            }
            await context.close();
        }
        // Used once: the same link now says it no longer works.
        const context = await newContext(browser, server.url, 'en');
        const page = await context.newPage();
        const dead = await page.goto(localPath(link, 'en'));
        assert.equal(dead.status(), 404);
        assert.equal(await page.locator('form[action="/account/email/confirm"]').count(), 0);
        await assertAccessible(page, 'used e-mail change link (en)');
        await context.close();
    });

    test('forgotten password: the "link sent" page', { timeout: TEST_TIMEOUT_MS }, async () => {
        for (const lang of LANGS) {
            const context = await newContext(browser, server.url, lang);
            const page = await context.newPage();
            await page.goto(`/password/forgot?lang=${lang}`);
            await page.locator('#forgot-email').fill('lucas.bernard@boulangerie-martin.example');
            await submit(page, '/password/forgot');
            await assertLanguage(page, lang, 'reset link sent');
            assert.equal(await page.locator('#forgot-email').count(), 0, 'the form gave way to the message');
            assert.ok((await page.locator('h1').count()) === 1, 'one heading');
            await assertAccessible(page, `reset link sent (${lang})`);
            await context.close();
        }
    });

    test('refused forms show their errors accessibly: sign-in, profile, password change', { timeout: TEST_TIMEOUT_MS }, async () => {
        for (const lang of LANGS) {
            const context = await newContext(browser, server.url, lang);
            const page = await context.newPage();
            await page.goto(`/sign-in?lang=${lang}`);
            await page.locator('#signin-email').fill(SOPHIE);
            await page.locator('#signin-password').fill('not the right password at all');
            await submit(page, '/sign-in');
            await assertLanguage(page, lang, 'sign-in refused');
            assert.match(page.url(), /\/sign-in/);
            assert.match(await page.locator('main').innerText(), REFUSED[lang], 'the refusal is explained');
            assert.equal(await page.locator('#signin-email').inputValue(), SOPHIE, 'the address typed is kept');
            await assertAccessible(page, `sign-in with a wrong password (${lang})`);

            await page.locator('#signin-password').fill(CLIENT_PASSWORD);
            await submit(page, '/sign-in');
            assert.ok(!page.url().includes('/sign-in'), 'signed in');

            await page.goto(`/account?lang=${lang}`);
            await page.locator('#phone').fill('call me maybe ☎');
            await submit(page, '/account');
            await assertLanguage(page, lang, 'profile refused');
            assert.equal(await page.locator('#phone').getAttribute('aria-invalid'), 'true', 'the phone field is marked invalid');
            await page.locator('#phone-error').waitFor({ state: 'visible' });
            assert.match(await page.locator('#phone').getAttribute('aria-describedby'), /\bphone-error\b/, 'the error is tied to the field');
            await assertAccessible(page, `profile with an invalid phone (${lang})`);

            await page.goto(`/account/security?lang=${lang}`);
            await page.locator('#current_password').fill('not my current password');
            await page.locator('#new_password').fill(NEW_PASSWORD);
            await page.locator('#new_password_confirm').fill(NEW_PASSWORD);
            await submit(page, '/account/password');
            await assertLanguage(page, lang, 'password change refused');
            await page.locator('#password-error').waitFor({ state: 'visible' });
            await assertAccessible(page, `password change with a wrong current password (${lang})`);
            await recordBrowserSession(context);
            await context.close();
        }
    });

    test('the administrator: an organisation member, a refused and a new API key', { timeout: TEST_TIMEOUT_MS }, async () => {
        // Staff must use MFA: enrol over HTTP, then hand the session to the browser.
        const admin = await signedInClient(server.url, ADMIN.email, ADMIN.password);
        await enrolMfa(admin);
        for (const lang of LANGS) {
            const context = await newContext(browser, server.url, lang);
            await shareSession(context, admin, server.url);
            const page = await context.newPage();

            await page.goto(`/admin/organisations/1?lang=${lang}`);
            assert.ok(!page.url().includes('/sign-in') && !page.url().includes('/account/mfa'), 'the organisation is open to the admin');
            const member = page.locator('a[href^="/admin/organisations/1/members/"]').first();
            const href = await member.getAttribute('href');
            assert.match(href, /^\/admin\/organisations\/1\/members\/\d+$/);
            const shown = await page.goto(`${href}?lang=${lang}`);
            assert.equal(shown.status(), 200, 'the member page');
            await assertLanguage(page, lang, 'member (admin)');
            await assertAccessible(page, `organisation member as the admin sees it (${lang})`);

            // No scope chosen: refused, the name typed kept.
            await page.goto(`/admin/api-keys?lang=${lang}`);
            const name = `e2e ${lang} ${Date.now()}`;
            await page.locator('#api-key-name').fill(name);
            for (const box of await page.locator('input[name="scopes"]').all()) await box.uncheck();
            await submit(page, '/admin/api-keys');
            await assertLanguage(page, lang, 'API key refused');
            assert.equal(await page.locator('#new-api-key').count(), 0, 'no key made');
            assert.equal(await page.locator('#api-key-name').inputValue(), name);
            await assertAccessible(page, `API key form refused (${lang})`);

            // One scope: the key is shown, this once.
            await page.locator('input[name="scopes"]').first().check();
            await submit(page, '/admin/api-keys');
            await assertLanguage(page, lang, 'API key created');
            const key = await page.locator('#new-api-key').inputValue();
            assert.match(key, /^ck_/, 'the new key is shown');
            recordSecret('API key', key);
            assert.equal(await page.locator('#new-api-key').getAttribute('readonly'), '', 'read-only, for copying');
            await assertAccessible(page, `new API key (${lang})`);
            await context.close();
        }
    });
});
