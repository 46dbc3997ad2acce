// Language negotiation (explicit choice → cookie → Accept-Language → default),
// the home page's structure in both languages, the section pages and the
// search results page.
import { assert, attributes, forEachBackend, get, htmlLang, linkTags, stylesheetUrl, test, useServer } from './lib.mjs';

const SECTIONS = ['/faq', '/tickets', '/orders', '/billing', '/appointments', '/community', '/assistant', '/sign-in'];

/** Asserts the page is in `lang`: <html lang>, Content-Language, and Vary for caches. */
function assertLanguage(response, lang, what) {
    assert.equal(response.status, 200, `${what}: status`);
    assert.equal(htmlLang(response.body), lang, `${what}: <html lang>`);
    assert.equal(response.headers['content-language'], lang, `${what}: Content-Language`);
    const vary = (response.headers.vary ?? '').toLowerCase();
    assert.match(vary, /accept-language/, `${what}: Vary includes Accept-Language`);
    assert.match(vary, /cookie/, `${what}: Vary includes Cookie`);
}

/** The comptoir_lang cookie a response sets, or undefined. */
function langCookie(response) {
    return (response.headers['set-cookie'] ?? []).find((c) => /^comptoir_lang=/.test(c));
}

/** The <h1> text of a page. */
const heading = (html) => /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1].replace(/<[^>]+>/g, '').trim();

/** The visible text of <main>. */
const mainText = (html) =>
    (/<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html)?.[1] ?? html)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();

forEachBackend('i18n', (backend) => {
    const s = useServer(backend);

    test('English by default, without a cookie', async () => {
        const response = await get(s.url, '/');
        assertLanguage(response, 'en', 'GET /');
        assert.equal(langCookie(response), undefined, 'no cookie without an explicit choice');
    });

    for (const [acceptLanguage, lang] of [
        ['fr-CA,fr;q=0.9', 'fr'],
        ['fr', 'fr'],
        ['en-US,en;q=0.9,fr;q=0.8', 'en'],
        ['de-DE,de;q=0.9,fr;q=0.5', 'fr'],
        ['en;q=0.1, fr;q=0.9', 'fr'],
        ['de', 'en'],
        ['*', 'en'],
        [';;;q=abc,,', 'en'],
        ['x'.repeat(300), 'en'],
    ]) {
        test(`Accept-Language: ${acceptLanguage.slice(0, 40)} → ${lang}`, async () => {
            assertLanguage(await get(s.url, '/', { 'Accept-Language': acceptLanguage }), lang, acceptLanguage);
        });
    }

    test('?lang=fr renders French and remembers the choice in a cookie', async () => {
        const response = await get(s.url, '/?lang=fr', { 'Accept-Language': 'en' });
        assertLanguage(response, 'fr', '?lang=fr');
        const cookie = langCookie(response);
        assert.ok(cookie, 'sets comptoir_lang');
        assert.match(cookie, /^comptoir_lang=fr(;|$)/);
        assert.match(cookie, /;\s*Path=\/(;|$)/i);
        assert.match(cookie, /;\s*SameSite=Lax/i);
    });

    test('the cookie selects the language over Accept-Language', async () => {
        assertLanguage(await get(s.url, '/faq', { Cookie: 'comptoir_lang=fr', 'Accept-Language': 'en' }), 'fr', 'cookie fr');
        assertLanguage(await get(s.url, '/', { Cookie: 'other=1; comptoir_lang=en', 'Accept-Language': 'fr' }), 'en', 'cookie en');
    });

    test('?lang=en overrides the cookie and replaces it', async () => {
        const response = await get(s.url, '/?lang=en', { Cookie: 'comptoir_lang=fr' });
        assertLanguage(response, 'en', '?lang=en with cookie fr');
        assert.match(langCookie(response) ?? '', /^comptoir_lang=en(;|$)/);
    });

    test('an unknown ?lang is ignored: no cookie, negotiation as usual', async () => {
        const plain = await get(s.url, '/?lang=xx');
        assertLanguage(plain, 'en', '?lang=xx');
        assert.equal(langCookie(plain), undefined);
        assertLanguage(await get(s.url, '/?lang=xx', { Cookie: 'comptoir_lang=fr' }), 'fr', '?lang=xx with cookie fr');
        assertLanguage(await get(s.url, '/?lang=xx', { 'Accept-Language': 'fr' }), 'fr', '?lang=xx with Accept-Language fr');
        assertLanguage(await get(s.url, `/?lang=${encodeURIComponent('<script>')}`), 'en', '?lang=<script>');
    });

    test('a cookie with an unknown language falls back to negotiation', async () => {
        assertLanguage(await get(s.url, '/', { Cookie: 'comptoir_lang=xx' }), 'en', 'cookie xx');
        assertLanguage(await get(s.url, '/', { Cookie: 'comptoir_lang=xx', 'Accept-Language': 'fr' }), 'fr', 'cookie xx, fr accepted');
    });

    for (const lang of ['en', 'fr']) {
        test(`home page (${lang}): search form, section links, sign-in, fingerprinted stylesheet`, async () => {
            const { body } = await get(s.url, `/?lang=${lang}`);
            const form = /<form\b[^>]*>/i.exec(body.slice(body.search(/<form\b[^>]*action="\/search"/i)))?.[0];
            assert.ok(form, 'a form with action="/search"');
            assert.match(attributes(form).method ?? 'get', /^get$/i, 'the search form uses GET');
            assert.match(body, /<input\b[^>]*\bname="q"/i, 'an input named q');
            for (const section of SECTIONS) {
                assert.match(body, new RegExp(`href="${section}(?:[?#][^"]*)?"`), `a link to ${section}`);
            }
            assert.match(stylesheetUrl(body) ?? '', /^\/static\/css\/app\.[0-9a-f]{8,}\.css$/, 'fingerprinted stylesheet');
            assert.ok(heading(body), 'a heading');
        });
    }

    test('home page headings differ between English and French', async () => {
        const en = heading((await get(s.url, '/?lang=en')).body);
        const fr = heading((await get(s.url, '/?lang=fr')).body);
        assert.notEqual(en, fr);
    });

    test('hreflang alternates for fr, en and x-default lead to pages in that language', async () => {
        const { body } = await get(s.url, '/', { Cookie: 'comptoir_lang=fr' });
        const alternates = Object.fromEntries(
            linkTags(body)
                .filter((l) => /\balternate\b/i.test(l.rel ?? '') && l.hreflang)
                .map((l) => [l.hreflang, l.href]),
        );
        for (const key of ['fr', 'en', 'x-default']) assert.ok(alternates[key], `hreflang="${key}" present: ${JSON.stringify(alternates)}`);
        for (const lang of ['fr', 'en']) {
            const href = new URL(alternates[lang], s.url);
            // The explicit alternate must win even over a cookie for the other language.
            const other = lang === 'fr' ? 'en' : 'fr';
            const response = await get(s.url, href.pathname + href.search, { Cookie: `comptoir_lang=${other}` });
            assertLanguage(response, lang, `hreflang=${lang} → ${alternates[lang]}`);
        }
    });

    for (const section of SECTIONS) {
        test(`section ${section} answers in English and French`, async () => {
            const en = await get(s.url, section);
            const fr = await get(s.url, section, { 'Accept-Language': 'fr' });
            assertLanguage(en, 'en', `${section} en`);
            assertLanguage(fr, 'fr', `${section} fr`);
            // Compare the main content, not just the heading: "Assistant" is the same word in both languages.
            assert.notEqual(mainText(en.body), mainText(fr.body), `${section}: translated`);
        });
    }

    test('search results page shows the query HTML-escaped', async () => {
        const attack = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
        const response = await get(s.url, `/search?q=${encodeURIComponent(attack)}`);
        assert.equal(response.status, 200);
        assert.doesNotMatch(response.body, /<script>alert\(1\)/);
        assert.doesNotMatch(response.body, /<img src=x/);
        assert.match(response.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;|&#60;script&#62;alert\(1\)/, 'the query is shown, escaped');
    });

    test('search results page shows a French query with accents', async () => {
        const response = await get(s.url, `/search?q=${encodeURIComponent('développement')}&lang=fr`);
        assertLanguage(response, 'fr', 'search fr');
        assert.match(response.body, /développement/);
    });

    test('search with an empty or missing query still answers', async () => {
        assert.equal((await get(s.url, '/search?q=')).status, 200);
        assert.equal((await get(s.url, '/search')).status, 200);
    });
});

forEachBackend('i18n with COMPTOIR_DEFAULT_LANGUAGE=fr', (backend) => {
    const s = useServer(backend, { env: { COMPTOIR_DEFAULT_LANGUAGE: 'fr' } });

    test('the configured default applies when nothing else decides', async () => {
        assertLanguage(await get(s.url, '/'), 'fr', 'no preference');
        assertLanguage(await get(s.url, '/', { 'Accept-Language': 'de' }), 'fr', 'unsupported preference');
        assertLanguage(await get(s.url, '/', { 'Accept-Language': 'en' }), 'en', 'Accept-Language en');
    });
});
