// The knowledge-base read API (/api/v1/kb/*, scope kb:read) through the real
// server, on the demo content: an admin (MFA enrolled first) creates two keys
// in the admin page, one with kb:read and one without; without a key every
// route answers 401, without the scope 403, both as JSON errors. With the
// scope: categories and sections in both languages, the article list with
// pagination and filters (its counts agreeing with the catalogue's), one
// article by id in French and English (Markdown and HTML, internal links
// resolved only towards articles the key may see), search in both languages.
// A key belongs to an integration, not to a person, so it reads as an
// anonymous visitor: drafts, articles in review, internal agent procedures
// and articles for signed-in customers never show, and are 404 by id. Bad
// input (language, ids, numbers, empty or over-long queries) is a 400 or 404
// JSON error. The hidden articles' ids come from search-as-you-type as staff,
// like kb.test.mjs; a repeat page of an API search is no new search for the
// authors' analytics (as on the search page).
import { forEachBackend, useServer, test, before, assert, get, api } from './lib.mjs';
import { Client, signIn, enrolMfa } from './session-lib.mjs';

const ADMIN = 'admin@lumiere.example';
const ADMIN_PASSWORD = 'Demo-Admin-2026!';
const KEY_PATTERN = /ck_[0-9a-f]{12}_[0-9a-f]{64}/;

// Demo articles (demo/kb/*.toml) by their titles.
const PUBLIC = { en: 'Download your invoices as PDF', fr: 'Télécharger vos factures en PDF' };
const PUBLIC_SLUG = { en: 'download-your-invoices-as-pdf', fr: 'telecharger-vos-factures-en-pdf' };
// A public article whose text links to PUBLIC and to the customers-only one.
const LINKING = { en: 'Understanding your billing', fr: 'Comprendre votre facturation' };
const CUSTOMERS = { en: 'VAT invoices for businesses', fr: 'Factures avec TVA pour les professionnels' };
const HIDDEN = {
    internal: { en: 'Handling a refund request (agent procedure)', fr: 'Traiter une demande de remboursement (procédure agent)' },
    draft: { en: 'Adding a home battery to your solar panels', fr: 'Installer une batterie domestique avec vos panneaux solaires' },
    review: { en: 'Heat pump: common error codes', fr: 'Pompe à chaleur : les codes d’erreur courants' },
};
const BILLING = { en: 'Billing and payments', fr: 'Facturation et paiements' };
const INVOICES_SECTION = { en: 'Your invoices', fr: 'Vos factures' };
const KB_ROUTES = ['/api/v1/kb/categories', '/api/v1/kb/categories/1/sections', '/api/v1/kb/articles',
    '/api/v1/kb/articles/1', '/api/v1/kb/search?q=facture'];

/** Asserts a JSON error response {error: {code, message}} with this status and code. */
function assertJsonError(res, status, code, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.body.slice(0, 300)}`);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/, `${what}: JSON`);
    assert.ok(res.json, `${what}: a JSON body`);
    assert.equal(res.json.error?.code, code, `${what}: ${res.body.slice(0, 300)}`);
    assert.equal(typeof res.json.error.message, 'string', `${what}: a message`);
    assert.ok(res.json.error.message.length > 0);
}

/** A word of letters only, new for every call: a query nothing matches. */
let counter = 0;
function uniqueWord(prefix) {
    counter += 1;
    return prefix + (Date.now() * 1000 + counter).toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]);
}

forEachBackend('knowledge-base API', (backend) => {
    const s = useServer(backend);
    const ids = {};
    let admin;
    let kbKey; // kb:read only
    let otherKey; // every scope but kb:read

    /** GET as the kb:read key, asserting a 200 JSON answer that is never cached; returns the JSON. */
    async function ok(target) {
        const res = await api(s.url, target, kbKey);
        assert.equal(res.status, 200, `${target}: ${res.status} ${res.body.slice(0, 300)}`);
        assert.match(res.headers['content-type'], /^application\/json/, target);
        assert.equal(res.headers['cache-control'], 'no-store', `${target}: never cached`);
        assert.equal(res.headers['set-cookie'], undefined, `${target}: no cookie`);
        return res.json;
    }

    /** Every article the key lists in `lang` (one page of 100: the demo has fewer). */
    async function allArticles(lang, filter = '') {
        const json = await ok(`/api/v1/kb/articles?lang=${lang}&per_page=100${filter}`);
        assert.ok(json.total <= 100, 'one page holds them all');
        assert.equal(json.articles.length, json.total, `${lang}${filter}: every article on the page`);
        return json.articles;
    }

    /** The id of the article titled `title` (English), suggested to the admin (staff see every article). */
    async function idOf(title) {
        const res = await admin.get(`/kb/suggest?lang=en&q=${encodeURIComponent(title)}`);
        assert.equal(res.status, 200, `suggest ${title}: ${res.status}`);
        const hit = JSON.parse(res.body).results.find((r) => r.title === title);
        assert.ok(hit, `"${title}" is suggested to staff: ${res.body}`);
        return hit.id;
    }

    before(async () => {
        admin = new Client(s.url);
        const signedIn = await signIn(admin, ADMIN, ADMIN_PASSWORD);
        assert.equal(signedIn.status, 303, `admin sign-in: ${signedIn.status}`);
        await enrolMfa(admin);
        const page = await admin.get('/admin/api-keys');
        assert.equal(page.status, 200, page.body.slice(0, 500));
        assert.match(page.body, /name="scopes" type="checkbox" value="kb:read"/, 'kb:read is offered');
        let res = await admin.post('/admin/api-keys', { name: 'Help widget', scopes: ['kb:read'] });
        assert.equal(res.status, 201, res.body.slice(0, 500));
        kbKey = KEY_PATTERN.exec(res.body)?.[0];
        assert.ok(kbKey, 'the kb:read key is shown');
        res = await admin.post('/admin/api-keys', { name: 'Directory sync', scopes: ['organisations:read', 'users:read'] });
        assert.equal(res.status, 201, res.body.slice(0, 500));
        otherKey = KEY_PATTERN.exec(res.body)?.[0];
        assert.ok(otherKey, 'the other key is shown');

        ids.public = await idOf(PUBLIC.en);
        ids.linking = await idOf(LINKING.en);
        ids.customers = await idOf(CUSTOMERS.en);
        for (const [kind, title] of Object.entries(HIDDEN)) ids[kind] = await idOf(title.en);
        ids.billing = (await ok('/api/v1/kb/categories?lang=en')).categories.find((c) => c.name === BILLING.en)?.id;
        assert.ok(ids.billing, 'the billing category is listed');
    }, { timeout: 180_000 });

    test('without a key 401, with a key lacking kb:read 403, as JSON errors on every route', async () => {
        for (const target of KB_ROUTES) {
            let res = await api(s.url, target, null);
            assertJsonError(res, 401, 'unauthenticated', `${target} without a key`);
            assert.match(res.headers['www-authenticate'], /^Bearer/);

            res = await api(s.url, target, kbKey.slice(0, -1) + (kbKey.endsWith('0') ? '1' : '0'));
            assertJsonError(res, 401, 'invalid_token', `${target} with a wrong secret`);

            res = await api(s.url, target, otherKey);
            assertJsonError(res, 403, 'insufficient_scope', `${target} without kb:read`);
            assert.match(res.headers['www-authenticate'], /error="insufficient_scope", scope="kb:read"/);
            assert.ok(!/"articles"|"categories"|"results"/.test(res.body), `${target}: no data with the error`);
        }
        // The scope is checked before anything about the request is answered.
        assertJsonError(await api(s.url, `/api/v1/kb/articles/${ids.draft}?lang=de`, otherKey), 403, 'insufficient_scope', 'bad input, no scope');
        // kb:read grants nothing else.
        const who = await ok('/api/v1/whoami');
        assert.deepEqual(who.key.scopes, ['kb:read']);
        assertJsonError(await api(s.url, '/api/v1/organisations', kbKey), 403, 'insufficient_scope', 'organisations with kb:read');
        // The right scope opens the same route.
        await ok('/api/v1/kb/articles?per_page=1');
    });

    test('categories in each language and by kind; the sections of a category', async () => {
        const byLang = {};
        for (const lang of ['en', 'fr']) {
            const { categories } = await ok(`/api/v1/kb/categories?lang=${lang}`);
            byLang[lang] = categories;
            assert.ok(categories.length >= 7, `${lang}: ${categories.length} categories`);
            for (const c of categories) {
                assert.equal(c.language, lang);
                assert.ok(['kb', 'faq'].includes(c.kind), c.kind);
                assert.ok(c.article_count > 0, `${c.name}: only categories with something to read`);
                assert.equal(typeof c.name, 'string');
                assert.equal(typeof c.description, 'string');
            }
            const billing = categories.find((c) => c.name === BILLING[lang]);
            assert.ok(billing, `${lang}: "${BILLING[lang]}" is listed: ${categories.map((c) => c.name)}`);
            assert.equal(billing.id, ids.billing);
            assert.ok(categories.some((c) => c.kind === 'faq'), `${lang}: the FAQ is a category too`);
        }
        assert.deepEqual(byLang.fr.map((c) => c.id), byLang.en.map((c) => c.id), 'the same categories in both languages');
        assert.deepEqual(byLang.fr.map((c) => c.article_count), byLang.en.map((c) => c.article_count));
        // No lang: the default language (en).
        assert.deepEqual((await ok('/api/v1/kb/categories')).categories, byLang.en);

        const faq = (await ok('/api/v1/kb/categories?lang=en&kind=faq')).categories;
        assert.ok(faq.length >= 1 && faq.every((c) => c.kind === 'faq'), 'kind=faq: the FAQ only');
        const kb = (await ok('/api/v1/kb/categories?lang=en&kind=kb')).categories;
        assert.ok(kb.length >= 6 && kb.every((c) => c.kind === 'kb'), 'kind=kb: no FAQ');
        assert.equal(faq.length + kb.length, byLang.en.length);

        for (const lang of ['en', 'fr']) {
            const json = await ok(`/api/v1/kb/categories/${ids.billing}/sections?lang=${lang}`);
            assert.equal(json.category_id, ids.billing);
            assert.ok(json.sections.length >= 3, `${lang}: ${json.sections.length} sections`);
            for (const section of json.sections) {
                assert.equal(section.category_id, ids.billing);
                assert.equal(section.language, lang);
                assert.ok(section.article_count > 0);
            }
            assert.ok(json.sections.some((x) => x.name === INVOICES_SECTION[lang]), `${lang}: "${INVOICES_SECTION[lang]}"`);
            const billing = byLang[lang].find((c) => c.id === ids.billing);
            assert.equal(json.sections.reduce((n, x) => n + x.article_count, 0), billing.article_count,
                'the sections add up to their category');
        }
        assertJsonError(await api(s.url, '/api/v1/kb/categories/999999/sections', kbKey), 404, 'not_found', 'unknown category');
    });

    test('articles: every visible one, paginated, filtered by category and section; the counts agree', async () => {
        for (const lang of ['en', 'fr']) {
            const all = await allArticles(lang);
            assert.ok(all.length >= 60, `${lang}: ${all.length} articles`);
            assert.equal(new Set(all.map((a) => a.id)).size, all.length, 'each article once');
            for (const a of all) {
                assert.equal(a.language, lang, `${a.id} in ${lang}`);
                assert.match(a.url, new RegExp(`^/kb/${lang}/articles/${a.id}-[a-z0-9-]+$`));
                assert.equal(a.fallback, undefined, 'every demo article exists in both languages');
                for (const field of ['id', 'section_id', 'category_id', 'helpful', 'not_helpful']) assert.equal(typeof a[field], 'number', field);
                for (const field of ['title', 'summary', 'updated_at']) assert.ok(a[field] !== undefined, field);
            }
            const pub = all.find((a) => a.id === ids.public);
            assert.ok(pub, `${lang}: the public article is listed`);
            assert.equal(pub.title, PUBLIC[lang]);
            assert.equal(pub.url, `/kb/${lang}/articles/${ids.public}-${PUBLIC_SLUG[lang]}`);

            // The catalogue's counts are the list's.
            const categories = (await ok(`/api/v1/kb/categories?lang=${lang}`)).categories;
            assert.equal(categories.reduce((n, c) => n + c.article_count, 0), all.length, 'categories add up to the list');
            for (const c of categories) {
                const inCategory = await allArticles(lang, `&category=${c.id}`);
                assert.equal(inCategory.length, c.article_count, `category ${c.name}`);
                assert.ok(inCategory.every((a) => a.category_id === c.id));
                for (const section of (await ok(`/api/v1/kb/categories/${c.id}/sections?lang=${lang}`)).sections) {
                    const inSection = await allArticles(lang, `&section=${section.id}`);
                    assert.equal(inSection.length, section.article_count, `section ${section.name}`);
                    assert.ok(inSection.every((a) => a.section_id === section.id && a.category_id === c.id));
                }
            }
        }

        // Pages: the default size, then small pages that tile the list without overlap.
        const first = await ok('/api/v1/kb/articles?lang=en');
        assert.equal(first.page, 1);
        assert.equal(first.per_page, 20);
        assert.equal(first.articles.length, 20);
        const total = first.total;
        const seen = [];
        const pages = Math.ceil(total / 25);
        for (let page = 1; page <= pages; page++) {
            const json = await ok(`/api/v1/kb/articles?lang=en&per_page=25&page=${page}`);
            assert.equal(json.page, page);
            assert.equal(json.per_page, 25);
            assert.equal(json.total, total, 'the total does not depend on the page');
            assert.equal(json.articles.length, page < pages ? 25 : total - 25 * (pages - 1), `page ${page}`);
            seen.push(...json.articles.map((a) => a.id));
        }
        assert.equal(new Set(seen).size, total, 'the pages tile the list');
        assert.deepEqual(seen.slice(0, 20), first.articles.map((a) => a.id), 'the same order whatever the page size');
        const past = await ok(`/api/v1/kb/articles?lang=en&per_page=25&page=${pages + 1}`);
        assert.deepEqual(past.articles, [], 'a page past the end is empty');
        assert.equal(past.total, total);
        // Filters naming nothing give nothing.
        const none = await ok('/api/v1/kb/articles?lang=en&category=999999');
        assert.deepEqual([none.articles, none.total], [[], 0]);
    });

    test('an article by id in French and English: title, Markdown, HTML, translations', async () => {
        const byLang = {};
        for (const lang of ['en', 'fr']) {
            const a = await ok(`/api/v1/kb/articles/${ids.public}?lang=${lang}`);
            byLang[lang] = a;
            assert.equal(a.id, ids.public);
            assert.equal(a.language, lang);
            assert.equal(a.title, PUBLIC[lang]);
            assert.equal(a.url, `/kb/${lang}/articles/${ids.public}-${PUBLIC_SLUG[lang]}`);
            assert.equal(a.source_language, 'fr');
            assert.equal(a.fallback, undefined);
            assert.equal(a.category, BILLING[lang]);
            assert.equal(a.section, INVOICES_SECTION[lang]);
            assert.deepEqual(a.labels, lang === 'en' ? ['invoice', 'pdf', 'copy'] : ['facture', 'pdf', 'duplicata']);
            assert.deepEqual(
                [...a.translations].sort((x, y) => x.language.localeCompare(y.language)),
                ['en', 'fr'].map((l) => ({ language: l, title: PUBLIC[l], url: `/kb/${l}/articles/${ids.public}-${PUBLIC_SLUG[l]}` })),
            );
            assert.equal(typeof a.body_markdown, 'string');
            assert.equal(typeof a.body_html, 'string');
            assert.ok(a.published_at !== undefined, 'a published article has its date');
        }
        const { en, fr } = byLang;
        assert.match(en.body_markdown, /^## Download one invoice$/m);
        assert.match(en.body_markdown, /\*\*Invoices and payments\*\*/);
        assert.match(fr.body_markdown, /^## Télécharger une facture$/m);
        assert.match(en.body_html, /<h2[^>]*>Download one invoice<\/h2>/);
        assert.match(en.body_html, /<strong>Invoices and payments<\/strong>/);
        assert.match(fr.body_html, /<h2[^>]*>Télécharger une facture<\/h2>/);
        assert.match(fr.body_html, /<strong>Factures et paiements<\/strong>/);
        // kb: links become the public URL of the (public) target, in the article's language.
        assert.match(en.body_html, /<a href="\/kb\/en\/articles\/\d+-[a-z0-9-]+">change what you can see<\/a>/);
        assert.match(fr.body_html, /<a href="\/kb\/fr\/articles\/\d+-[a-z0-9-]+">modifier ce que vous voyez<\/a>/);
        assert.doesNotMatch(en.body_html + fr.body_html, /kb:/, 'no unresolved kb: link');
        // No lang: the default language (en).
        assert.equal((await ok(`/api/v1/kb/articles/${ids.public}`)).title, PUBLIC.en);
    });

    test('links to an article the key may not see are plain text in the HTML', async () => {
        for (const lang of ['en', 'fr']) {
            const a = await ok(`/api/v1/kb/articles/${ids.linking}?lang=${lang}`);
            assert.equal(a.title, LINKING[lang]);
            assert.ok(a.body_html.includes(`<a href="/kb/${lang}/articles/${ids.public}-${PUBLIC_SLUG[lang]}">`),
                `${lang}: the public target is a link`);
            assert.ok(!a.body_html.includes(`/articles/${ids.customers}-`), `${lang}: the customers-only target is no link`);
            assert.ok(a.body_html.includes(`${CUSTOMERS[lang]} (`), `${lang}: its text stays, as plain text`);
            assert.ok(!a.body_html.includes(`>${CUSTOMERS[lang]}</a>`), `${lang}: not as a link`);
        }
    });

    test('search finds the public article in each language; pages, category filter, did you mean', async () => {
        for (const lang of ['en', 'fr']) {
            const json = await ok(`/api/v1/kb/search?lang=${lang}&q=${encodeURIComponent(PUBLIC[lang])}`);
            assert.equal(json.page, 1);
            assert.equal(json.per_page, 10);
            assert.ok(json.total >= 1);
            const hit = json.results.find((r) => r.id === ids.public);
            assert.ok(hit, `${lang}: the public article is found: ${json.results.map((r) => r.title)}`);
            assert.equal(json.results[0].id, ids.public, `${lang}: its own title ranks it first`);
            assert.equal(hit.title, PUBLIC[lang]);
            assert.equal(hit.language, lang);
            assert.equal(hit.url, `/kb/${lang}/articles/${ids.public}-${PUBLIC_SLUG[lang]}`);
            assert.equal(typeof hit.score, 'number');
            assert.match(hit.snippet_html, /<mark>/i, 'matched words are marked');
            for (const r of json.results) assert.equal(r.language, lang);
        }
        // Stemmed: another form of a word of the title finds it too.
        const stemmed = await ok(`/api/v1/kb/search?lang=fr&q=${encodeURIComponent('téléchargement')}&per_page=50`);
        assert.ok(stemmed.results.some((r) => r.id === ids.public), 'téléchargement → Télécharger');

        // Pages tile the results; past the end is empty with the same total.
        const all = await ok('/api/v1/kb/search?lang=fr&q=facture&per_page=50');
        assert.ok(all.total >= 4 && all.total <= 50, `facture: ${all.total}`);
        assert.equal(all.results.length, all.total);
        const paged = [];
        for (let page = 1; page <= Math.ceil(all.total / 3); page++) {
            const json = await ok(`/api/v1/kb/search?lang=fr&q=facture&per_page=3&page=${page}`);
            assert.equal(json.total, all.total);
            assert.equal(json.page, page);
            paged.push(...json.results.map((r) => r.id));
        }
        assert.deepEqual(paged, all.results.map((r) => r.id), 'the pages give the same results in the same order');
        const past = await ok(`/api/v1/kb/search?lang=fr&q=facture&per_page=3&page=${Math.ceil(all.total / 3) + 1}`);
        assert.deepEqual(past.results, []);
        assert.equal(past.total, all.total, 'a page past the end still tells the total');

        const filtered = await ok(`/api/v1/kb/search?lang=fr&q=facture&per_page=50&category=${ids.billing}`);
        assert.ok(filtered.total >= 1 && filtered.total <= all.total);
        assert.ok(filtered.results.every((r) => r.category_id === ids.billing), 'the category filter holds');

        const typo = await ok('/api/v1/kb/search?lang=fr&q=facturaton');
        assert.equal(typo.did_you_mean, 'facturation');
        const nothing = await ok(`/api/v1/kb/search?lang=en&q=${uniqueWord('zq')}`);
        assert.deepEqual([nothing.results, nothing.total], [[], 0]);
    });

    test('drafts, articles in review and internal ones never show: not listed, not found, 404 by id', async () => {
        const listed = { en: await allArticles('en'), fr: await allArticles('fr') };
        for (const [kind, title] of Object.entries(HIDDEN)) {
            const id = ids[kind];
            for (const lang of ['en', 'fr']) {
                assert.ok(!listed[lang].some((a) => a.id === id), `${kind}: not listed in ${lang}`);
                const res = await api(s.url, `/api/v1/kb/articles/${id}?lang=${lang}`, kbKey);
                assertJsonError(res, 404, 'not_found', `${kind} by id in ${lang}`);
                assert.ok(!res.body.includes(title[lang]), `${kind}: the title never shows`);
                const found = await ok(`/api/v1/kb/search?lang=${lang}&per_page=50&q=${encodeURIComponent(title[lang])}`);
                assert.ok(!found.results.some((r) => r.id === id), `${kind}: not found by its own title in ${lang}`);
                assert.ok(!JSON.stringify(found).includes(title[lang]), `${kind}: its title is in no result`);
            }
        }
        // The staff see them: they exist, and the lookups above were no accident.
        for (const kind of Object.keys(HIDDEN)) {
            assert.equal((await admin.get(`/kb/en/articles/${ids[kind]}`)).status, 301, `${kind} exists for staff`);
        }
    });

    test('articles for signed-in customers do not show to a key, which reads as an anonymous visitor', async () => {
        // kb.cpp reads with kb::Reader::anonymous() on every route: a key is
        // nobody's session, so "customers" articles (visible to any signed-in
        // customer) are hidden from it exactly like from a visitor who has not
        // signed in: absent from lists, counts and search, and 404 by id.
        const id = ids.customers;
        for (const lang of ['en', 'fr']) {
            assert.ok(!(await allArticles(lang)).some((a) => a.id === id), `not listed in ${lang}`);
            assert.ok(!(await allArticles(lang, `&category=${ids.billing}`)).some((a) => a.id === id), `not in its category (${lang})`);
            const res = await api(s.url, `/api/v1/kb/articles/${id}?lang=${lang}`, kbKey);
            assertJsonError(res, 404, 'not_found', `customers-only article in ${lang}`);
            assert.ok(!res.body.includes(CUSTOMERS[lang]));
            const found = await ok(`/api/v1/kb/search?lang=${lang}&per_page=50&q=${encodeURIComponent(CUSTOMERS[lang])}`);
            assert.ok(!found.results.some((r) => r.id === id), `not found by its title in ${lang}`);
        }
        // The public page agrees: anonymous visitors get 404 too.
        assert.equal((await get(s.url, `/kb/en/articles/${id}`)).status, 404);
    });

    test('bad input: unsupported language, malformed ids and numbers, empty and over-long queries', async () => {
        // Unsupported or empty language: 400 on every route.
        for (const lang of ['de', 'xx', '']) {
            for (const target of ['/api/v1/kb/categories', `/api/v1/kb/categories/${ids.billing}/sections`, '/api/v1/kb/articles',
                `/api/v1/kb/articles/${ids.public}`, '/api/v1/kb/search?q=facture']) {
                const sep = target.includes('?') ? '&' : '?';
                assertJsonError(await api(s.url, `${target}${sep}lang=${lang}`, kbKey), 400, 'invalid_request', `${target} lang=${lang}`);
            }
        }
        assertJsonError(await api(s.url, '/api/v1/kb/categories?kind=blog', kbKey), 400, 'invalid_request', 'kind=blog');

        // Ids in the path: whatever is not a positive number names no resource (404).
        for (const id of ['abc', '0', '-1', '12abc', '1.5', '99999999999999999999', '999999999']) {
            assertJsonError(await api(s.url, `/api/v1/kb/articles/${id}`, kbKey), 404, 'not_found', `article ${id}`);
            assertJsonError(await api(s.url, `/api/v1/kb/categories/${id}/sections`, kbKey), 404, 'not_found', `sections of ${id}`);
        }

        // Numbers in the query: malformed, zero, negative or beyond the limits are 400.
        for (const param of ['page=0', 'page=-1', 'page=abc', 'page=100001', 'per_page=0', 'per_page=101', 'per_page=x',
            'category=0', 'category=abc', 'section=-2', 'section=']) {
            assertJsonError(await api(s.url, `/api/v1/kb/articles?${param}`, kbKey), 400, 'invalid_request', `articles ${param}`);
        }
        for (const param of ['page=0', 'page=1001', 'per_page=51', 'per_page=-5', 'category=abc', 'category=0']) {
            assertJsonError(await api(s.url, `/api/v1/kb/search?q=facture&${param}`, kbKey), 400, 'invalid_request', `search ${param}`);
        }
        // The limits themselves are accepted.
        await ok('/api/v1/kb/articles?per_page=100&page=100000');
        await ok('/api/v1/kb/search?q=facture&per_page=50&page=1000');

        // Queries: missing, empty, blank, invalid UTF-8, over 500 bytes.
        for (const q of ['', '?q=', '?q=%20%20', '?q=+', '?q=%ff%fe', `?q=${'a'.repeat(501)}`]) {
            assertJsonError(await api(s.url, `/api/v1/kb/search${q}`, kbKey), 400, 'invalid_request', `search ${q.slice(0, 40)}`);
        }
        // The limit counts bytes, not characters: 438 characters in 500 bytes pass, one more byte is refused.
        const q500 = 'équipe '.repeat(62) + 'abcd';
        assert.equal(Buffer.byteLength(q500), 500);
        await ok(`/api/v1/kb/search?lang=fr&q=${encodeURIComponent(q500)}`);
        assertJsonError(await api(s.url, `/api/v1/kb/search?lang=fr&q=${encodeURIComponent(q500 + 'e')}`, kbKey), 400,
            'invalid_request', '501 bytes in 439 characters');
    });

    test('reading more pages of an API search is one search in the authors’ analytics', async () => {
        // The search page records a search once, however many pages are read
        // (search.record = page_number == 1), and SearchQuery::record says the
        // API's repeat pages are not recorded either: a content gap read over
        // two pages is asked once.
        const query = uniqueWord('introuvable');
        for (const page of [1, 2]) {
            const json = await ok(`/api/v1/kb/search?lang=fr&q=${query}&page=${page}`);
            assert.equal(json.total, 0);
        }
        const res = await admin.get('/admin/kb/searches');
        assert.equal(res.status, 200, `search analytics: ${res.status}`);
        const row = new RegExp(`<tr data-gap-query="${query}">([\\s\\S]*?)</tr>`).exec(res.body)?.[1];
        assert.ok(row, 'the query is a content gap');
        const cells = [...row.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1].trim());
        assert.equal(cells[1], '1', `asked once, read over two pages (cells: ${JSON.stringify(cells)})`);
    });
});
