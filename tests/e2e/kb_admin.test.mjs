// Knowledge-base authoring in a real browser, as an agent (MFA enrolled), in
// English and French: axe-core (WCAG 2.1 AA) on every authoring page — the
// article list, the editor (new, with a live preview, saved), the history,
// the diff of two revisions, the feedback inbox, the content gaps, the
// categories and one category; the editor's live preview (js/kb-editor.js)
// follows the typing — a table, a strikethrough — and shows raw HTML typed in
// the Markdown as text, never running it; and the article as printed hides
// the agent's panel with the rest of the page's furniture.
import { after, assert, assertCleanExit, backends, before, describe, sharedDatabase, startServer, test } from '../integration/lib.mjs';
import { Client, enrolMfa, signIn } from '../integration/session-lib.mjs';
import { assertAccessible, assertLanguage, launchBrowser, newContext, shareSession, submit } from './browser-lib.mjs';

const TEST_TIMEOUT_MS = 600_000;
const AGENT = { email: 'camille.rousseau@lumiere.example', password: 'Demo-Agent-2026!' };
const LANGS = ['en', 'fr'];
/** Raw HTML an author might paste: the preview must show it, not run it. */
const HOSTILE = '<script>window.__kbInjected = "script"</script>\n\n<img src="/nowhere.png" onerror="window.__kbInjected = \'img\'">';

/** The live preview of the editor page. */
const previewOf = (page) => page.locator('[data-kb-preview]');

/** Waits until the preview holds what `predicate` (run in the page on the preview element) looks for. */
async function waitForPreview(page, predicate, what) {
    try {
        await page.waitForFunction(predicate, await previewOf(page).elementHandle(), { timeout: 30_000 });
    } catch (err) {
        const html = await previewOf(page).innerHTML();
        assert.fail(`the preview never showed ${what}: ${err.message}\npreview: ${html.slice(0, 1500)}`);
    }
}

describe('knowledge-base authoring in the browser', () => {
    const sqlite = backends().find((b) => b.name === 'sqlite');
    let server;
    let browser;
    let agent; // the agent's HTTP client, MFA enrolled; its session is handed to each browser context
    before(async () => {
        const { db } = await sharedDatabase(sqlite);
        server = await startServer({ db });
        browser = await launchBrowser();
        agent = new Client(server.url);
        const res = await signIn(agent, AGENT.email, AGENT.password);
        assert.equal(res.status, 303, `the agent signs in: ${res.status}`);
        await enrolMfa(agent);
    }, { timeout: 300_000 });
    after(async () => {
        await browser?.close();
        if (server) assertCleanExit(await server.stop(), server);
    }, { timeout: 60_000 });

    /** A browser context in `lang` signed in as the agent. */
    async function agentPage(lang) {
        const context = await newContext(browser, server.url, lang);
        await shareSession(context, agent, server.url);
        const page = await context.newPage();
        return { context, page };
    }

    for (const lang of LANGS) {
        test(`write an article with the live preview, then its history and diff, in ${lang}`, { timeout: TEST_TIMEOUT_MS }, async () => {
            const { context, page } = await agentPage(lang);
            const errors = [];
            page.on('pageerror', (err) => errors.push(err.message));
            const word = `E2e${lang}${Date.now().toString(36)}`;

            await page.goto(`/admin/kb?lang=${lang}`);
            assert.ok(!page.url().includes('/sign-in') && !page.url().includes('/account/mfa'), 'the authoring area is open to the agent');
            await assertLanguage(page, lang, 'article list');
            await assertAccessible(page, `article list (${lang})`);

            await page.goto(`/admin/kb/articles/new?language=${lang}&lang=${lang}`);
            await assertLanguage(page, lang, 'new article');
            await page.locator('[data-kb-preview-hint]').waitFor({ state: 'visible' });
            await assertAccessible(page, `new article editor (${lang})`);

            // Typing fills the preview: one request after the pause, no button pressed.
            const previews = [];
            page.on('request', (r) => {
                if (new URL(r.url()).pathname === '/admin/kb/preview') previews.push(r.method());
            });
            await page.locator('#kb-title').fill(`Article ${word}`);
            const body = page.locator('#kb-body');
            await body.fill(`Intro ${word}.\n\n| Plan | Price |\n|---|---|\n| Basic | 10 € |\n| Plus | 20 € |\n\n${HOSTILE}\n`);
            await waitForPreview(page, (el) => el.querySelector('table') !== null, 'the table');
            const table = previewOf(page).locator('table');
            assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Plan', 'Price']);
            assert.equal(await table.locator('tbody tr').count(), 2);
            assert.equal(await previewOf(page).getAttribute('aria-busy'), 'false', 'the preview says it is up to date');
            assert.equal(await page.locator('[data-kb-preview-hint]').count(), 0, 'the "nothing yet" hint is gone');

            // Raw HTML is text: shown, never an element, never run.
            const text = await previewOf(page).innerText();
            assert.ok(text.includes('<script>window.__kbInjected = "script"</script>'), `the script tag is shown as text:\n${text}`);
            assert.ok(text.includes('onerror='), 'the img tag is shown as text');
            assert.equal(await previewOf(page).locator('script, img').count(), 0, 'no script or img element in the preview');
            await page.waitForTimeout(500); // an injected image would have failed to load by now
            assert.equal(await page.evaluate(() => window.__kbInjected ?? null), null, 'nothing typed ran');

            // A strikethrough typed key by key: the preview follows.
            await body.press('End');
            await body.pressSequentially(`\nPrice was ~~15 €~~ for ${word}.`, { delay: 15 });
            await waitForPreview(page, (el) => el.querySelector('del') !== null, 'the strikethrough');
            assert.equal((await previewOf(page).locator('del').innerText()).trim(), '15 €');
            assert.ok(previews.length >= 1 && previews.every((m) => m === 'POST'), `previews asked: ${previews.join(',')}`);
            assert.ok(previews.length < 20, `${previews.length} preview requests: the typing is debounced`);
            await assertAccessible(page, `editor with a live preview (${lang})`);

            // Saved in the first section offered.
            await page.locator('#kb-section').selectOption({ index: 1 });
            await page.locator('#kb-note').fill('first version');
            await Promise.all([page.waitForURL(/\/admin\/kb\/articles\/\d+\?language=\w+&done=created/), page.locator('button[name="action"][value="save"]').click()]);
            const id = Number(/\/admin\/kb\/articles\/(\d+)/.exec(page.url())[1]);
            await assertLanguage(page, lang, 'saved article');
            assert.ok((await body.inputValue()).includes(`~~15 €~~ for ${word}`), 'the editor holds the text saved');
            await assertAccessible(page, `saved article editor (${lang})`);

            // A second revision, then the history and the diff between the two.
            await body.fill(`Intro ${word}, revised.\n\n| Plan | Price |\n|---|---|\n| Basic | 12 € |\n`);
            await page.locator('#kb-note').fill('new prices');
            await Promise.all([page.waitForURL(/done=saved/), page.locator('button[name="action"][value="save"]').click()]);
            await page.goto(`/admin/kb/articles/${id}/history?language=${lang}&lang=${lang}`);
            await assertLanguage(page, lang, 'history');
            const revisions = await page.locator('tr[data-revision-id]').evaluateAll((rows) => rows.map((r) => Number(r.dataset.revisionId)));
            assert.equal(revisions.length, 2, 'two saves, two revisions');
            await assertAccessible(page, `history (${lang})`);
            await page.locator(`#kb-from-${revisions[1]}`).check();
            await page.locator(`#kb-to-${revisions[0]}`).check();
            await Promise.all([page.waitForURL(/\/diff\?/), page.locator(`form[action="/admin/kb/articles/${id}/diff"] button[type="submit"]:not([form])`).click()]);
            await assertLanguage(page, lang, 'diff');
            assert.ok((await page.locator('[data-kind="removed"]').count()) >= 1, 'removed lines are marked');
            assert.ok((await page.locator('[data-kind="added"]').count()) >= 1, 'added lines are marked');
            await assertAccessible(page, `diff of two revisions (${lang})`);

            assert.deepEqual(errors, [], 'no script error on the authoring pages');
            await context.close();
        });
    }

    test('the feedback inbox, the content gaps and the categories, in both languages', { timeout: TEST_TIMEOUT_MS }, async () => {
        // Something in each inbox: a vote with a comment, and a search that finds nothing.
        const visitorContext = await newContext(browser, server.url, 'fr');
        const visitor = await visitorContext.newPage();
        await visitor.goto('/search?lang=fr&q=facture');
        await Promise.all([visitor.waitForURL(/\/kb\/fr\/articles\/\d+-/), visitor.locator('ol.results li.result a').first().click()]);
        await visitor.locator('#feedback-comment').fill('Il manque le cas des factures rectificatives.');
        await Promise.all([visitor.waitForURL(/voted=1/), visitor.locator('button[name="helpful"][value="no"]').click()]);
        // Letters only: the search index stems words, digits would make it another query.
        const gap = `introuvable${Date.now().toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)])}`;
        await visitor.goto(`/search?lang=fr&q=${gap}`);
        await visitorContext.close();

        for (const lang of LANGS) {
            const { context, page } = await agentPage(lang);
            await page.goto(`/admin/kb/feedback?lang=${lang}`);
            await assertLanguage(page, lang, 'feedback inbox');
            assert.ok((await page.locator('main').innerText()).includes('factures rectificatives'), 'the comment is in the inbox');
            await assertAccessible(page, `feedback inbox (${lang})`);
            await page.goto(`/admin/kb/feedback?handled=1&lang=${lang}`);
            await assertAccessible(page, `feedback handled (${lang})`);

            await page.goto(`/admin/kb/searches?lang=${lang}`);
            await assertLanguage(page, lang, 'content gaps');
            assert.equal(await page.locator(`[data-gap-query="${gap}"]`).count(), 1, 'the search that found nothing is listed');
            await assertAccessible(page, `content gaps (${lang})`);

            await page.goto(`/admin/kb/categories?lang=${lang}`);
            await assertLanguage(page, lang, 'categories');
            await assertAccessible(page, `categories (${lang})`);
            const first = await page.locator('a[href^="/admin/kb/categories/"]').first().getAttribute('href');
            await page.goto(`${first}?lang=${lang}`);
            await assertLanguage(page, lang, 'category');
            await assertAccessible(page, `category (${lang})`);

            // A refused category (no name in the default language): the error is shown accessibly.
            await page.goto(`/admin/kb/categories?lang=${lang}`);
            const form = page.locator('form[action="/admin/kb/categories"]');
            for (const input of await form.locator('input[type="text"][name^="name_"]').all()) {
                await input.evaluate((el) => el.removeAttribute('required'));
                await input.fill('');
            }
            const refused = await submit(page, '/admin/kb/categories');
            assert.ok([400, 422].includes(refused.status()), `a category without a name is refused: ${refused.status()}`);
            await assertLanguage(page, lang, 'category refused');
            await assertAccessible(page, `category form refused (${lang})`);
            await context.close();
        }
    });

    test('an article printed by an agent: only the article, without the agent panel', { timeout: TEST_TIMEOUT_MS }, async () => {
        const { context, page } = await agentPage('en');
        await page.goto('/search?lang=en&q=invoice');
        await Promise.all([page.waitForURL(/\/kb\/en\/articles\/\d+-/), page.locator('ol.results li.result a').first().click()]);
        const panel = page.locator('.kb-staff');
        assert.equal(await panel.isVisible(), true, 'on screen, the agent sees the panel');
        await page.emulateMedia({ media: 'print' });
        assert.equal(await panel.isVisible(), false, 'printed, the panel is hidden');
        assert.equal(await page.locator('.kb-body').isVisible(), true, 'printed, the article is there');
        await page.emulateMedia({ media: 'screen' });
        assert.equal(await panel.isVisible(), true, 'back on screen, the panel is back');
        await context.close();
    });
});
