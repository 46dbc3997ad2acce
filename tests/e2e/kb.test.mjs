// The knowledge base in a real browser, in English and French: typing in a
// search box shows suggestions after one request, the keyboard chooses one
// and opens its article, a visitor votes "Yes" with a comment; axe-core finds
// no WCAG 2.1 AA violation on the knowledge-base home, a category, an
// article (before and after the vote), the FAQ (a question open), search
// results and an empty search; printed, an article leaves the header, the
// breadcrumbs, the feedback form and every other form out.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, after, assert, assertCleanExit, backends, before, describe, sharedDatabase, startServer, test } from '../integration/lib.mjs';
import { launchBrowser, assertAccessible, LOCALES, ACTION_TIMEOUT_MS } from './browser-lib.mjs';

const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/artifacts');
const TEST_TIMEOUT_MS = 300_000;
const TYPED = { en: 'invoices pdf', fr: 'factures pdf' };
const SEARCHED = { en: 'invoice', fr: 'facture' };
const PRINTED = { en: 'Understanding your billing', fr: 'Comprendre votre facturation' };
const TEXT = {
    en: { thanks: 'Thank you for your feedback.', yes: 'Yes', voted: 'You found this article helpful.' },
    fr: { thanks: 'Merci pour votre avis.', yes: 'Oui', voted: 'Vous avez trouvé cet article utile.' },
};

describe('knowledge base in the browser', () => {
    const sqlite = backends().find((b) => b.name === 'sqlite');
    let server;
    let browser;
    before(async () => {
        mkdirSync(ARTIFACTS, { recursive: true });
        const { db } = await sharedDatabase(sqlite);
        server = await startServer({ db });
        browser = await launchBrowser();
    }, { timeout: 300_000 });
    after(async () => {
        await browser?.close();
        if (server) assertCleanExit(await server.stop(), server);
    }, { timeout: 60_000 });

    for (const lang of ['en', 'fr']) {
        test(`search as you type, open an article, vote, in ${lang}`, { timeout: TEST_TIMEOUT_MS }, async () => {
            const context = await browser.newContext({ locale: LOCALES[lang], baseURL: server.url, viewport: { width: 1280, height: 900 } });
            context.setDefaultTimeout(ACTION_TIMEOUT_MS);
            const page = await context.newPage();
            const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `kb-${lang}-${name}.png`), fullPage: true, timeout: 120_000 });
            const suggestRequests = [];
            page.on('request', (r) => {
                if (new URL(r.url()).pathname === '/kb/suggest') suggestRequests.push(r.url());
            });

            await page.goto(`/kb/${lang}`);
            assert.equal(await page.locator('html').getAttribute('lang'), lang);
            await assertAccessible(page, `knowledge-base home (${lang})`);

            // Typing: the box is a combobox; one request after the typing pause fills the list.
            const box = page.locator('#kb-search-q');
            assert.equal(await box.getAttribute('role'), 'combobox');
            assert.equal(await box.getAttribute('aria-expanded'), 'false');
            await box.click();
            const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/kb/suggest');
            await box.pressSequentially(TYPED[lang], { delay: 20 });
            const response = await answered;
            assert.equal(response.status(), 200);
            const listbox = page.locator(`#${await box.getAttribute('aria-controls')}`);
            await listbox.locator('[role="option"]').first().waitFor({ state: 'visible' });
            assert.ok(suggestRequests.length <= 2, `${suggestRequests.length} suggestion requests while typing`);
            assert.equal(new URL(suggestRequests.at(-1)).searchParams.get('lang'), lang);
            assert.equal(await box.getAttribute('aria-expanded'), 'true');
            const options = await listbox.locator('[role="option"]').allInnerTexts();
            assert.ok(options.length >= 1 && options.length <= 8, `${options.length} options`);
            await page.locator('[role="status"]').filter({ hasText: /\d|suggestion/i }).first().waitFor({ state: 'attached' });
            await assertAccessible(page, `suggestions open (${lang})`);
            await shot('suggestions');

            // Escape closes the list; Down opens it again on the first option.
            await box.press('Escape');
            assert.equal(await box.getAttribute('aria-expanded'), 'false');
            await box.press('ArrowDown');
            assert.equal(await box.getAttribute('aria-expanded'), 'true');
            const activeId = await box.getAttribute('aria-activedescendant');
            assert.ok(activeId, 'an active option');
            assert.equal(await page.locator(`#${activeId}`).getAttribute('aria-selected'), 'true');
            const chosen = (await page.locator(`#${activeId}`).innerText()).trim();
            await Promise.all([page.waitForURL(new RegExp(`/kb/${lang}/articles/\\d+-`)), box.press('Enter')]);
            assert.equal((await page.locator('h1').first().innerText()).trim(), chosen, 'the chosen article opened');
            await assertAccessible(page, `article (${lang})`);
            await shot('article');

            // Vote "Yes" with a comment.
            await page.locator('#feedback-comment').fill(lang === 'fr' ? 'Clair et utile, merci !' : 'Clear and useful, thanks!');
            await Promise.all([
                page.waitForURL(/\?voted=1#feedback$/),
                page.getByRole('button', { name: TEXT[lang].yes, exact: true }).click(),
            ]);
            await page.getByText(TEXT[lang].thanks).waitFor();
            await page.getByText(TEXT[lang].voted).waitFor();
            await assertAccessible(page, `article after the vote (${lang})`);
            await shot('voted');

            // The category, from the breadcrumbs.
            const crumbs = page.locator('nav.kb-breadcrumbs a');
            await Promise.all([page.waitForURL(new RegExp(`/kb/${lang}/categories/\\d+-`)), crumbs.nth(1).click()]);
            await assertAccessible(page, `category (${lang})`);

            // The FAQ, one question open.
            await page.goto(`/kb/${lang}/faq`);
            const question = page.locator('details.kb-faq__question').first();
            await question.locator('summary').click();
            assert.equal(await question.getAttribute('open'), '');
            await question.locator('.kb-faq__answer').waitFor({ state: 'visible' });
            await assertAccessible(page, `FAQ (${lang})`);
            await shot('faq');

            // Search results, then a search that finds nothing.
            await page.goto(`/search?lang=${lang}&q=${encodeURIComponent(SEARCHED[lang])}`);
            assert.ok((await page.locator('ol.results li.result').count()) >= 1);
            await assertAccessible(page, `search results (${lang})`);
            await shot('results');
            await page.goto(`/search?lang=${lang}&q=zzyzxqwv`);
            await page.locator('.empty-state').waitFor();
            await assertAccessible(page, `empty search (${lang})`);
            await context.close();
        });
    }

    for (const lang of ['en', 'fr']) {
        test(`an article printed shows the article alone, its internal links spelled out, in ${lang}`, { timeout: TEST_TIMEOUT_MS }, async () => {
            const context = await browser.newContext({ locale: LOCALES[lang], baseURL: server.url, viewport: { width: 1280, height: 900 } });
            context.setDefaultTimeout(ACTION_TIMEOUT_MS);
            const page = await context.newPage();
            // A demo article with a table and links to other articles (demo/kb/10-billing.toml).
            await page.goto(`/search?lang=${lang}&q=${encodeURIComponent(PRINTED[lang])}`);
            const result = page.locator('ol.results li.result a', { hasText: PRINTED[lang] }).first();
            await Promise.all([page.waitForURL(new RegExp(`/kb/${lang}/articles/\\d+-`)), result.click()]);
            assert.equal((await page.locator('h1').first().innerText()).trim(), PRINTED[lang]);

            // What printing leaves out (kb.css and app.css, @media print), all shown on screen.
            const furniture = ['.skip-link', '.site-header', '.site-footer', '.kb-breadcrumbs', '.kb-feedback', 'form'];
            const displays = () =>
                page.evaluate((selectors) => Object.fromEntries(selectors.map((sel) => [sel, [...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).display)])), furniture);
            const onScreen = await displays();
            for (const sel of furniture) {
                assert.ok(onScreen[sel].length > 0, `the article page has ${sel}`);
                if (sel !== '.skip-link') assert.ok(onScreen[sel].some((d) => d !== 'none'), `${sel} is shown on screen`);
            }
            const link = page.locator('.kb-body a[href^="/"]').first();
            const href = await link.getAttribute('href');
            assert.ok(href, 'the article links to another one');
            const after = () => link.evaluate((a) => getComputedStyle(a, '::after').content);
            assert.ok(['none', 'normal', ''].includes(await after()), 'no address after the link on screen');

            await page.emulateMedia({ media: 'print' });
            const printed = await displays();
            for (const sel of furniture) assert.deepEqual([...new Set(printed[sel])], ['none'], `${sel} is not printed`);
            for (const sel of ['.kb-article', '.kb-body', 'h1', '.kb-body table']) {
                assert.equal(await page.locator(sel).first().isVisible(), true, `${sel} is printed`);
            }
            assert.equal(await page.locator('.kb-body').evaluate((el) => getComputedStyle(el).maxWidth), 'none', 'the text uses the width of the paper');
            assert.equal(await after(), `" (${href})"`, 'an internal link is followed by its address');
            assert.equal(await page.locator('.kb-body table').first().evaluate((el) => getComputedStyle(el).breakInside), 'avoid', 'a table is not cut across pages');
            await page.screenshot({ path: path.join(ARTIFACTS, `kb-${lang}-print.png`), fullPage: true, timeout: 120_000 });
            await context.close();
        });
    }

    test('a mouse click on a suggestion opens it; the boxes of pages outside the knowledge base are enhanced too', { timeout: TEST_TIMEOUT_MS }, async () => {
        const context = await browser.newContext({ locale: 'fr-FR', baseURL: server.url, viewport: { width: 1280, height: 900 } });
        context.setDefaultTimeout(ACTION_TIMEOUT_MS);
        const page = await context.newPage();
        // The header box of the FAQ, and both boxes of the portal's home page.
        await page.goto('/kb/fr/faq');
        assert.equal(await page.locator('#site-search-q').getAttribute('role'), 'combobox');
        await page.goto('/');
        await page.locator('#site-search-q[role="combobox"]').waitFor({ state: 'attached' });
        const box = page.locator('#home-search-q');
        await box.waitFor({ state: 'attached' });
        await page.locator('#home-search-q[role="combobox"]').waitFor({ state: 'attached' });
        await box.click();
        await box.pressSequentially('prélèvement', { delay: 20 });
        const option = page.locator(`#${await box.getAttribute('aria-controls')} [role="option"]`).first();
        await option.waitFor({ state: 'visible' });
        await assertAccessible(page, 'home page, suggestions open (fr)');
        await Promise.all([page.waitForURL(/\/kb\/fr\/articles\/\d+-/), option.click()]);
        await context.close();
    });
});
