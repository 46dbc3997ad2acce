// Helpers of the browser tests (Debian's chromium through playwright-core):
// launching it, running axe-core on a page, submitting a form the way a
// person does, and handing a session made over HTTP (session-lib.mjs Client,
// e.g. after enrolMfa) to a browser context.
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { assert } from '../integration/lib.mjs';
import { recordSessionCookies } from '../integration/session-lib.mjs';

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];
/** The server runs under ASan on a shared machine: everything is slower than a browser test usually allows. */
export const ACTION_TIMEOUT_MS = 60_000;
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const LOCALES = { en: 'en-US', fr: 'fr-FR' };

export function launchBrowser() {
    return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: ACTION_TIMEOUT_MS });
}

/** A context in `lang` (Accept-Language) on `baseURL`, with the long action timeout. */
export async function newContext(browser, baseURL, lang, options = {}) {
    const context = await browser.newContext({ locale: LOCALES[lang], baseURL, viewport: { width: 1280, height: 900 }, ...options });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return context;
}

/** Runs axe (WCAG 2.1 A and AA) on the current page and fails with a readable list of violations. */
export async function assertAccessible(page, what) {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const report = results.violations
        .map(
            (v) =>
                `  - ${v.id} (${v.impact}): ${v.help}\n${v.nodes
                    .slice(0, 5)
                    .map((n) => `      at ${n.target.join(' ')}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
                    .join('\n')}`,
        )
        .join('\n');
    assert.equal(results.violations.length, 0, `axe: WCAG 2.1 AA violation(s) on ${what} (${page.url()}):\n${report}`);
}

/** Asserts the page is in `lang` (<html lang>), so that axe checked the right translation. */
export async function assertLanguage(page, lang, what) {
    assert.equal(await page.locator('html').getAttribute('lang'), lang, `${what}: <html lang>`);
}

/**
 * Clicks the submit button of the form posting to `action`, waits for the
 * next page and returns its response (after redirects). A 403 fails here: the
 * browser's request was refused as forged (its Origin header, say), which a
 * client that sets its own headers would never show.
 */
export async function submit(page, action) {
    const [response] = await Promise.all([page.waitForNavigation(), page.locator(`form[action="${action}"] [type="submit"]`).first().click()]);
    assert.notEqual(response?.status(), 403, `POST ${action} from the page was refused as forged:\n${(await page.locator('main').innerText()).slice(0, 300)}`);
    return response;
}

/**
 * Gives `context` the session of `client` (a signed-in session-lib Client),
 * so that a browser starts where an HTTP client got to (MFA enrolled…).
 */
export async function shareSession(context, client, baseURL) {
    await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: baseURL })));
}

/** Records the session cookies the browser holds, for the run's secrets check (zz-secrets.test.mjs). */
export async function recordBrowserSession(context) {
    recordSessionCookies(await context.cookies());
}
