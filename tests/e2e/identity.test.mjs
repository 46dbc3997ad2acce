// Identity in a real browser, in English and French: sign up, verify the
// address from the e-mail the SMTP sink received, enrol TOTP (codes computed
// from the secret on the page), sign out, sign in with password + code, use a
// recovery code, revoke another session, reset a forgotten password. axe-core
// checks every page on the way, and the staff pages of the issue.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, after, assert, assertCleanExit, backends, before, describe, recordSecret, sharedDatabase, startServer, test } from '../integration/lib.mjs';
import { recordSessionCookies, totpCode, uniqueEmail, waitForMail } from '../integration/session-lib.mjs';
import { launchBrowser, assertAccessible, LOCALES, ACTION_TIMEOUT_MS } from './browser-lib.mjs';

const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/artifacts');
const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const TEST_TIMEOUT_MS = 600_000;

const now = () => Math.floor(Date.now() / 1000);
/**
 * The previous step's code (a sign-in right after uses the current one and
 * is no replay). The server accepts one step of skew: near the end of a step,
 * wait for the next one first, or a slow submit would arrive two steps on.
 */
async function previousStepCode(secret) {
    if (Date.now() % 30_000 > 24_000) await new Promise((done) => setTimeout(done, 30_500 - (Date.now() % 30_000)));
    return totpCode(secret, now() - 30);
}

/** Submits the form whose action is `action` by its submit button. */
async function submit(page, action) {
    await Promise.all([page.waitForLoadState('load'), page.locator(`form[action="${action}"] [type="submit"]`).first().click()]);
}

async function signOut(page) {
    await page.locator('header summary').filter({ hasText: /./ }).first().click().catch(() => {});
    await page.locator('form[action="/sign-out"] button').first().click({ force: true });
    await page.waitForURL(/\/sign-in/);
}

async function signInWithPassword(page, email, password) {
    await page.goto('/sign-in');
    await page.locator('#signin-email').fill(email);
    await page.locator('#signin-password').fill(password);
    await submit(page, '/sign-in');
}

describe('identity in the browser', { skip: !MAILDIR && 'needs the SMTP sink (make test)' }, () => {
    const sqlite = backends().find((b) => b.name === 'sqlite');
    let server;
    let browser;
    before(async () => {
        mkdirSync(ARTIFACTS, { recursive: true });
        const { db } = await sharedDatabase(sqlite);
        server = await startServer({ db, env: { COMPTOIR_SELF_REGISTRATION: 'true' } });
        browser = await launchBrowser();
    }, { timeout: 300_000 });
    after(async () => {
        await browser?.close();
        if (server) assertCleanExit(await server.stop(), server);
    }, { timeout: 60_000 });

    for (const lang of ['en', 'fr']) {
        test(`sign-up to password reset, in ${lang}`, { timeout: TEST_TIMEOUT_MS }, async () => {
            const context = await browser.newContext({ locale: LOCALES[lang], baseURL: server.url, viewport: { width: 1280, height: 900 } });
            context.setDefaultTimeout(ACTION_TIMEOUT_MS);
            const page = await context.newPage();
            const email = uniqueEmail(`e2e-${lang}`);
            const password = lang === 'fr' ? 'Une phrase de passe été 2026' : 'A long passphrase for 2026';
            // For the run's check that no secret reaches a log (tests/integration/zz-secrets.test.mjs).
            recordSecret('password', password);
            recordSecret('password', `${password} bis`);
            const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `identity-${lang}-${name}.png`), fullPage: true, timeout: 120_000 });

            // Sign up.
            await page.goto(`/sign-up?lang=${lang}`);
            await assertAccessible(page, `sign-up (${lang})`);
            await page.locator('#signup-name').fill(lang === 'fr' ? 'Zoé Lefèvre' : 'Zoe Miller');
            await page.locator('#signup-email').fill(email);
            await page.locator('#signup-password').fill(password);
            await page.locator('#signup-password-confirm').fill(password);
            const started = Date.now();
            await submit(page, '/sign-up');
            await assertAccessible(page, `sign-up sent (${lang})`);

            // Verify the address from the real e-mail.
            const mail = await waitForMail(MAILDIR, { to: email, after: started - 1000 });
            await page.goto(mail.links.find((l) => l.includes('/verify-email?token=')));
            await page.waitForURL(/\/sign-in\?done=verified/);
            await assertAccessible(page, `sign-in (${lang})`);

            // Sign in, then enrol TOTP.
            await page.locator('#signin-email').fill(email);
            await page.locator('#signin-password').fill(password);
            await submit(page, '/sign-in');
            await page.goto('/account/mfa');
            await assertAccessible(page, `MFA status (${lang})`);
            await page.locator('#mfa-setup-password').fill(password);
            await submit(page, '/account/mfa/setup');
            const secret = await page.locator('[data-secret]').first().getAttribute('data-secret');
            assert.match(secret, /^[A-Z2-7]{16,}$/);
            recordSecret('TOTP secret', secret);
            assert.equal(await page.locator('svg[role="img"]').count() > 0, true, 'a QR code is shown');
            await assertAccessible(page, `MFA enrolment (${lang})`);
            await shot('mfa-enrol');
            await page.locator('form[action="/account/mfa/confirm"] input[name="code"]').fill(await previousStepCode(secret));
            await submit(page, '/account/mfa/confirm');
            const codes = await page.locator('[data-recovery-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-recovery-code')));
            assert.equal(codes.length, 10);
            for (const code of codes) recordSecret('MFA recovery code', code);
            await assertAccessible(page, `recovery codes (${lang})`);

            // Sign out, sign in with password + code.
            await signOut(page);
            await signInWithPassword(page, email, password);
            await page.waitForURL(/\/sign-in\/code/);
            await assertAccessible(page, `sign-in code (${lang})`);
            await page.locator('#signin-code').fill(totpCode(secret));
            await submit(page, '/sign-in/code');
            await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

            // A recovery code works once.
            await signOut(page);
            await signInWithPassword(page, email, password);
            await page.locator('#signin-code').fill(codes[0]);
            await submit(page, '/sign-in/code');
            await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

            // A second device, then revoke it from the first.
            const other = await browser.newContext({ locale: LOCALES[lang], baseURL: server.url });
            other.setDefaultTimeout(ACTION_TIMEOUT_MS);
            const otherPage = await other.newPage();
            await signInWithPassword(otherPage, email, password);
            await otherPage.locator('#signin-code').fill(codes[1]);
            await submit(otherPage, '/sign-in/code');
            await otherPage.goto('/account');
            assert.ok(!otherPage.url().includes('/sign-in'), 'the second device is signed in');

            await page.goto('/account/sessions');
            await assertAccessible(page, `sessions (${lang})`);
            await shot('sessions');
            const revoke = page.locator('form[action^="/account/sessions/"][action$="/revoke"] [type="submit"]');
            assert.equal(await revoke.count(), 1, 'one other session can be revoked');
            await Promise.all([page.waitForLoadState('load'), revoke.click()]);
            await otherPage.goto('/account');
            await otherPage.waitForURL(/\/sign-in/);

            // Forgotten password, from the second device.
            await otherPage.goto('/password/forgot');
            await assertAccessible(otherPage, `forgot password (${lang})`);
            await otherPage.locator('#forgot-email').fill(email);
            const asked = Date.now();
            await submit(otherPage, '/password/forgot');
            const reset = await waitForMail(MAILDIR, { to: email, after: asked - 1000, subject: lang === 'fr' ? /passe/i : /password/i });
            await otherPage.goto(reset.links.find((l) => l.includes('/password/reset?token=')));
            await assertAccessible(otherPage, `reset password (${lang})`);
            const newPassword = password + ' bis';
            await otherPage.locator('#reset-password').fill(newPassword);
            await otherPage.locator('#reset-password-confirm').fill(newPassword);
            await submit(otherPage, '/password/reset');
            await otherPage.waitForURL(/done=password_reset/);
            // The reset did not bypass MFA.
            await signInWithPassword(otherPage, email, newPassword);
            await otherPage.waitForURL(/\/sign-in\/code/);
            await otherPage.locator('#signin-code').fill(codes[2]);
            await submit(otherPage, '/sign-in/code');
            await otherPage.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
            recordSessionCookies([...(await context.cookies()), ...(await other.cookies())]);
            await other.close();
            await context.close();
        });
    }

    test('account, organisation and admin pages are accessible in both languages', { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await browser.newContext({ locale: 'en-US', baseURL: server.url });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const page = await context.newPage();
        // An organisation admin.
        await signInWithPassword(page, 'sophie.martin@boulangerie-martin.example', 'Demo-Client-2026!');
        for (const lang of ['en', 'fr']) {
            // Lucas Bernard is a member of Sophie's organisation (demo user 5).
            for (const target of ['/account', '/account/security', '/account/sessions', '/account/mfa', '/organisation/members', '/organisation/members/5']) {
                await page.goto(`${target}?lang=${lang}`);
                assert.ok(!page.url().includes('/sign-in'), `${target} is open to an organisation admin`);
                await assertAccessible(page, `${target} (${lang})`);
            }
        }
        await signOut(page);
        // Pages reached from e-mailed links, here with links that no longer work.
        for (const lang of ['en', 'fr']) {
            for (const target of ['/invitation?token=' + '0'.repeat(64), '/password/reset?token=' + '0'.repeat(64), '/verify-email?token=bad']) {
                const res = await page.goto(`${target}&lang=${lang}`);
                assert.equal(res.status(), 404, `${target} says the link no longer works`);
                await assertAccessible(page, `${target} (${lang})`);
            }
        }
        // The administrator must enrol MFA first: every page leads there.
        await signInWithPassword(page, 'admin@lumiere.example', 'Demo-Admin-2026!');
        await page.goto('/admin');
        await page.waitForURL(/\/account\/mfa/);
        await page.locator('#mfa-setup-password').fill('Demo-Admin-2026!');
        await submit(page, '/account/mfa/setup');
        const secret = await page.locator('[data-secret]').first().getAttribute('data-secret');
        recordSecret('TOTP secret', secret);
        await page.locator('form[action="/account/mfa/confirm"] input[name="code"]').fill(await previousStepCode(secret));
        await submit(page, '/account/mfa/confirm');
        for (const lang of ['en', 'fr']) {
            for (const target of ['/admin', '/admin/organisations', '/admin/organisations/1', '/admin/users', '/admin/users/5', '/admin/audit', '/admin/api-keys']) {
                await page.goto(`${target}?lang=${lang}`);
                assert.ok(!page.url().includes('/sign-in') && !page.url().includes('/account/mfa'), `${target} is open to the admin`);
                await assertAccessible(page, `${target} (${lang})`);
            }
        }
        await page.screenshot({ path: path.join(ARTIFACTS, 'identity-admin-audit.png'), fullPage: true, timeout: 120_000 });
        await context.close();
    });
});
