// The home page in a real browser (Debian's chromium through playwright-core):
// English and French, phone and desktop; the search form, the language
// switcher and the phone menu work; screenshots for a human to look at; and
// axe-core finds no WCAG 2.1 AA violation on the home, search and 404 pages.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
    REPO_ROOT,
    after,
    assert,
    assertCleanExit,
    backends,
    before,
    describe,
    sharedDatabase,
    startServer,
    test,
} from '../integration/lib.mjs';
import { launchBrowser, assertAccessible, LOCALES, ACTION_TIMEOUT_MS } from './browser-lib.mjs';

const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/artifacts');
const TEST_TIMEOUT_MS = 300_000;

const VIEWPORTS = {
    phone: { width: 360, height: 740 },
    desktop: { width: 1280, height: 800 },
};
const QUERIES = { en: 'invoice <b>', fr: 'facture été' };

async function htmlLangOf(page) {
    return page.locator('html').getAttribute('lang');
}

async function headingOf(page) {
    return (await page.locator('h1').first().innerText()).trim();
}

/**
 * The phone menu's toggle: a <summary> or a button that controls the site
 * navigation (aria-controls / aria-expanded) in the header.
 */
function menuToggle(page) {
    return page
        .locator('header summary, header button[aria-expanded], header button[aria-controls], nav summary, nav button[aria-expanded]')
        .first();
}

/** The first visible search box (the header's or the home page's). */
function searchInput(page) {
    return page.locator('form[action="/search"] input[name="q"]').filter({ visible: true }).first();
}

/** The navigation link to the knowledge base in the site header/menu. */
function navLink(page, href) {
    return page.locator(`header a[href="${href}"], nav a[href="${href}"]`).first();
}

/** Opens the phone menu if the link we need is hidden behind it. */
async function revealNavigation(page, link) {
    if (await link.isVisible()) return;
    const toggle = menuToggle(page);
    if (await toggle.isVisible()) await toggle.click();
}

/** The visible link that switches the page to `lang`. */
async function languageSwitch(page, lang) {
    const candidates = page.locator(`a[hreflang="${lang}"], a[href*="lang=${lang}"]`);
    const count = await candidates.count();
    for (let i = 0; i < count; i++) {
        if (await candidates.nth(i).isVisible()) return candidates.nth(i);
    }
    return undefined;
}

for (const backend of backends().filter((b) => b.name === 'sqlite')) {
    describe('home page in a browser', () => {
        let server;
        let browser;

        before(
            async () => {
                mkdirSync(ARTIFACTS, { recursive: true });
                server = await startServer({ db: (await sharedDatabase(backend)).db });
                browser = await launchBrowser();
            },
            { timeout: TEST_TIMEOUT_MS },
        );

        after(
            async () => {
                await browser?.close();
                if (server) assertCleanExit(await server.stop(), server);
            },
            { timeout: 60_000 },
        );

        /** A page in a fresh context (no cookies) whose browser prefers `lang`. */
        async function newPage(lang, viewport) {
            const context = await browser.newContext({ viewport, locale: LOCALES[lang], baseURL: server.url });
            context.setDefaultTimeout(ACTION_TIMEOUT_MS);
            context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
            const page = await context.newPage();
            return { context, page };
        }

        for (const lang of ['en', 'fr']) {
            const other = lang === 'en' ? 'fr' : 'en';
            for (const [device, viewport] of Object.entries(VIEWPORTS)) {
                const name = `home-${lang}-${device}`;

                test(`${name}: language, screenshot and accessibility`, { timeout: TEST_TIMEOUT_MS }, async () => {
                    const { context, page } = await newPage(lang, viewport);
                    try {
                        const response = await page.goto('/');
                        assert.equal(response.status(), 200);
                        assert.equal(await htmlLangOf(page), lang);
                        assert.ok(await headingOf(page), 'a visible heading');
                        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
                        assert.ok(scrollWidth <= viewport.width, `no horizontal scrolling at ${viewport.width}px (content is ${scrollWidth}px wide)`);
                        await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, timeout: 120_000 });
                        await assertAccessible(page, `${name} /`);
                    } finally {
                        await context.close();
                    }
                });

                test(`${name}: the search form leads to the results page showing the query`, { timeout: TEST_TIMEOUT_MS }, async () => {
                    const { context, page } = await newPage(lang, viewport);
                    try {
                        await page.goto('/');
                        const input = searchInput(page);
                        await input.fill(QUERIES[lang]);
                        await Promise.all([page.waitForURL(/\/search\?/), input.press('Enter')]);
                        const url = new URL(page.url());
                        assert.equal(url.pathname, '/search');
                        assert.equal(url.searchParams.get('q'), QUERIES[lang]);
                        assert.equal(await htmlLangOf(page), lang);
                        assert.ok((await page.locator('body').innerText()).includes(QUERIES[lang]), 'the query is shown as text');
                        await page.screenshot({ path: path.join(ARTIFACTS, `search-${lang}-${device}.png`), fullPage: true, timeout: 120_000 });
                        await assertAccessible(page, `${name} /search`);
                    } finally {
                        await context.close();
                    }
                });

                test(`${name}: the language switcher changes to ${other} and the choice sticks`, { timeout: TEST_TIMEOUT_MS }, async () => {
                    const { context, page } = await newPage(lang, viewport);
                    try {
                        await page.goto('/');
                        const before = await headingOf(page);
                        let link = await languageSwitch(page, other);
                        if (!link) {
                            await menuToggle(page).click();
                            link = await languageSwitch(page, other);
                        }
                        assert.ok(link, `a visible link to switch to ${other}`);
                        await link.click();
                        await page.waitForFunction((l) => document.documentElement.lang === l, other);
                        assert.notEqual(await headingOf(page), before, 'the heading is translated');
                        // Next page, no ?lang, browser still prefers the first language: the cookie wins.
                        await page.goto('/kb');
                        assert.equal(await htmlLangOf(page), other, 'the choice sticks on the next page');
                        await page.goto('/');
                        assert.equal(await htmlLangOf(page), other, 'and back on the home page');
                    } finally {
                        await context.close();
                    }
                });

                if (device === 'phone') {
                    test(`${name}: the navigation menu opens`, { timeout: TEST_TIMEOUT_MS }, async () => {
                        const { context, page } = await newPage(lang, viewport);
                        try {
                            await page.goto('/');
                            const toggle = menuToggle(page);
                            assert.ok(await toggle.isVisible(), 'a menu toggle is visible on a phone');
                            const link = navLink(page, '/kb');
                            assert.equal(await link.isVisible(), false, 'the menu starts closed');
                            await toggle.click();
                            await link.waitFor({ state: 'visible' });
                            const expanded = await toggle.getAttribute('aria-expanded');
                            if (expanded !== null) assert.equal(expanded, 'true', 'aria-expanded follows the menu');
                            await page.screenshot({ path: path.join(ARTIFACTS, `menu-${lang}-${device}.png`), fullPage: true, timeout: 120_000 });
                            await assertAccessible(page, `${name} with the menu open`);
                        } finally {
                            await context.close();
                        }
                    });
                } else {
                    test(`${name}: the navigation is visible without a menu`, { timeout: TEST_TIMEOUT_MS }, async () => {
                        const { context, page } = await newPage(lang, viewport);
                        try {
                            await page.goto('/');
                            assert.ok(await navLink(page, '/kb').isVisible(), 'the section links are shown');
                        } finally {
                            await context.close();
                        }
                    });
                }
            }

            test(`404 page (${lang}) is localised and accessible`, { timeout: TEST_TIMEOUT_MS }, async () => {
                const { context, page } = await newPage(lang, VIEWPORTS.desktop);
                try {
                    const response = await page.goto('/no-such-page');
                    assert.equal(response.status(), 404);
                    assert.equal(await htmlLangOf(page), lang);
                    const requestId = response.headers()['x-request-id'];
                    assert.ok((await page.locator('body').innerText()).includes(requestId), 'the request id is shown');
                    await page.screenshot({ path: path.join(ARTIFACTS, `404-${lang}.png`), fullPage: true, timeout: 120_000 });
                    await assertAccessible(page, `404 (${lang})`);
                } finally {
                    await context.close();
                }
            });
        }

        test('the accessibility check itself reports a violation it should', { timeout: TEST_TIMEOUT_MS }, async () => {
            const context = await browser.newContext();
            try {
                const page = await context.newPage();
                await page.setContent('<!doctype html><html lang="en"><title>t</title><main><img src="x.png"><a href="/"></a></main></html>');
                await assert.rejects(assertAccessible(page, 'a broken page'), /image-alt/);
            } finally {
                await context.close();
            }
        });

        test('the page works without JavaScript: search still submits', { timeout: TEST_TIMEOUT_MS }, async () => {
            const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.url, viewport: VIEWPORTS.phone });
            context.setDefaultTimeout(ACTION_TIMEOUT_MS);
            try {
                const page = await context.newPage();
                await page.goto('/');
                const input = searchInput(page);
                await input.fill('hello');
                await Promise.all([page.waitForURL(/\/search\?/), input.press('Enter')]);
                assert.ok((await page.locator('body').innerText()).includes('hello'));
            } finally {
                await context.close();
            }
        });
    });
}
