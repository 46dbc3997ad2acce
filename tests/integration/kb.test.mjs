// The public knowledge base through HTTP, on the demo content (articles in
// French and English; a draft, an article in review, internal agent
// procedures and articles for signed-in customers): language in the URL,
// slug redirects, visibility by every route (pages, search, suggestions,
// sitemap), conditional GET, votes (anonymous by Origin, signed in by
// token), attachments, the FAQ, search pagination and "did you mean".
// An agent (enrolled in MFA here) writes one article of its own through the
// authoring pages, in French only, to see the fallback, the title change
// redirect and the attachments.
import crypto from 'node:crypto';
import { forEachBackend, useServer, test, before, assert, get, request, linkTags, sleep } from './lib.mjs';
import { Client, signIn, enrolMfa } from './session-lib.mjs';

const CLIENT_PASSWORD = 'Demo-Client-2026!';
const AGENT_PASSWORD = 'Demo-Agent-2026!';
const CUSTOMER = 'lucas.bernard@boulangerie-martin.example';
const AGENT = 'james.carter@lumiere.example';

// Demo articles (demo/kb/*.toml) by their English titles.
const PUBLIC_TITLE = 'Download your invoices as PDF';
const CUSTOMERS_TITLE = 'VAT invoices for businesses';
const HIDDEN = {
    internal: 'Handling a refund request (agent procedure)',
    draft: 'Adding a home battery to your solar panels',
    review: 'Heat pump: common error codes',
};

// A 1×1 transparent PNG.
const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
);

const unescapeHtml = (s) =>
    s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
        .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
        .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** {rel: [{hreflang, href}]} of a page's <link> tags. */
function links(html) {
    return linkTags(html);
}
const canonicalOf = (html) => links(html).find((l) => l.rel === 'canonical')?.href;
const alternatesOf = (html) =>
    Object.fromEntries(links(html).filter((l) => l.rel === 'alternate').map((l) => [l.hreflang, l.href]));
const metaDescription = (html) => unescapeHtml(/<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? '');
const h1Of = (html) => unescapeHtml(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1].replace(/<[^>]+>/g, '').trim() ?? '');
const staffCounts = (html) => {
    const m = /class="kb-staff__counts">([\d,]+) views? · ([\d,]+) found it helpful · ([\d,]+) did not</.exec(html);
    assert.ok(m, 'the staff banner shows the counts');
    return { views: Number(m[1].replace(/,/g, '')), helpful: Number(m[2]), unhelpful: Number(m[3]) };
};

/** A minimal XML well-formedness check: one root, balanced tags, quoted attributes, escaped text. */
function assertWellFormedXml(xml) {
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
    const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
    const stack = [];
    let roots = 0;
    let last = 0;
    for (const m of body.matchAll(/<[^>]*>/g)) {
        const text = body.slice(last, m.index);
        assert.doesNotMatch(text, /[<>]|&(?!(amp|lt|gt|quot|apos|#\d+);)/, `unescaped text: ${text}`);
        last = m.index + m[0].length;
        const tag = m[0];
        const open = /^<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#\d+);[^"<&]*)*")*)\s*(\/?)>$/.exec(tag);
        const close = /^<\/([A-Za-z][\w:.-]*)>$/.exec(tag);
        if (open) {
            if (stack.length === 0) roots++;
            if (!open[3]) stack.push(open[1]);
        } else if (close) {
            assert.equal(stack.pop(), close[1], `mismatched </${close[1]}>`);
        } else {
            assert.fail(`malformed tag ${tag}`);
        }
    }
    assert.equal(stack.length, 0, `unclosed: ${stack.join(',')}`);
    assert.equal(roots, 1, 'one root element');
    assert.match(body.slice(last), /^\s*$/);
}

/** A multipart/form-data body: fields {name: value} and files [{name, filename, type, data}]. */
function multipart(fields, files) {
    const boundary = `----kbtest${crypto.randomBytes(8).toString('hex')}`;
    const parts = [];
    for (const [name, value] of Object.entries(fields))
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const f of files) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`));
        parts.push(f.data, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

forEachBackend('knowledge base', (backend) => {
    const s = useServer(backend);
    const ids = {};
    let agent;
    let customer;
    let own; // the agent's own article: {id, slug}

    async function suggest(target, client) {
        const res = client ? await client.get(target) : await get(s.url, target);
        assert.equal(res.status, 200, `${target}: ${res.body}`);
        assert.match(res.headers['content-type'], /^application\/json/);
        return JSON.parse(res.body).results;
    }

    /** The id of the article titled `title` (English), as `client` (agents see every article). */
    async function idOf(title, client) {
        const results = await suggest(`/kb/suggest?lang=en&q=${encodeURIComponent(title)}`, client);
        const hit = results.find((r) => r.title === title);
        assert.ok(hit, `"${title}" is suggested: ${JSON.stringify(results)}`);
        return hit.id;
    }

    before(async () => {
        agent = new Client(s.url);
        const signedIn = await signIn(agent, AGENT, AGENT_PASSWORD);
        assert.equal(signedIn.status, 303, `agent sign-in: ${signedIn.status}`);
        await enrolMfa(agent);
        customer = new Client(s.url);
        assert.equal((await signIn(customer, CUSTOMER, CLIENT_PASSWORD)).status, 303);
        ids.public = await idOf(PUBLIC_TITLE);
        ids.customers = await idOf(CUSTOMERS_TITLE, customer);
        for (const [kind, title] of Object.entries(HIDDEN)) ids[kind] = await idOf(title, agent);
    }, { timeout: 180_000 });

    test('/kb goes to the knowledge base in the visitor’s language; other languages are 404', async () => {
        let res = await get(s.url, '/kb', { 'Accept-Language': 'fr-FR,fr;q=0.9' });
        assert.equal(res.status, 302);
        assert.equal(res.headers.location, '/kb/fr');
        res = await get(s.url, '/kb', { 'Accept-Language': 'en-GB' });
        assert.equal(res.headers.location, '/kb/en');
        res = await get(s.url, '/kb?lang=fr', { 'Accept-Language': 'en-GB' });
        assert.equal(res.headers.location, '/kb/fr');
        for (const path of ['/kb/de', '/kb/xx/articles/1', '/kb/en/articles/abc', '/kb/en/articles/0',
            '/kb/en/articles/999999999', '/kb/en/categories/999999', '/kb/en/articles/12abc']) {
            assert.equal((await get(s.url, path)).status, 404, path);
        }
    });

    for (const lang of ['en', 'fr']) {
        test(`knowledge-base home (${lang}): categories, sections, FAQ link, language in the URL`, async () => {
            const res = await get(s.url, `/kb/${lang}`, { 'Accept-Language': lang === 'en' ? 'fr' : 'en' });
            assert.equal(res.status, 200);
            assert.match(res.body, new RegExp(`<html lang="${lang}"`), 'the URL decides the language');
            assert.equal(res.headers['content-language'], lang);
            assert.ok((res.body.match(/class="kb-category"/g) ?? []).length >= 6, 'six categories or more');
            assert.match(res.body, new RegExp(`href="/kb/${lang}/faq"`));
            assert.match(res.body, new RegExp(`href="/kb/${lang}/categories/\\d+-[a-z0-9-]+"`));
            assert.equal(canonicalOf(res.body), `${s.url}/kb/${lang}`);
            const alternates = alternatesOf(res.body);
            assert.equal(alternates.en, `${s.url}/kb/en`);
            assert.equal(alternates.fr, `${s.url}/kb/fr`);
            assert.equal(alternates['x-default'], `${s.url}/kb/en`);
            assert.match(res.body, /<link rel="stylesheet" href="\/static\/css\/kb\.[0-9a-f]+\.css">/);
            assert.match(res.body, /<script type="module" src="\/static\/js\/kb-search\.[0-9a-f]+\.js"><\/script>/);
            // The language switcher goes to the other language's knowledge base.
            assert.match(res.body, new RegExp(`href="/kb/${lang === 'en' ? 'fr' : 'en'}" hreflang=`));
        });
    }

    test('category page: sections and articles, breadcrumbs, 301 to the canonical slug', async () => {
        const home = await get(s.url, '/kb/fr');
        const href = /href="(\/kb\/fr\/categories\/(\d+)-[a-z0-9-]+)"/.exec(home.body);
        assert.ok(href);
        const [path, id] = [href[1], href[2]];
        for (const wrong of [`/kb/fr/categories/${id}`, `/kb/fr/categories/${id}-ancien-nom`]) {
            const res = await get(s.url, wrong);
            assert.equal(res.status, 301, wrong);
            assert.equal(res.headers.location, path);
        }
        const res = await get(s.url, path);
        assert.equal(res.status, 200);
        assert.match(res.body, /<nav class="kb-breadcrumbs" aria-label="Fil d’Ariane">/);
        assert.match(res.body, /<a href="\/kb\/fr">Base de connaissances<\/a>/);
        assert.match(res.body, /<section class="kb-section" id="section-\d+"/);
        assert.match(res.body, /href="\/kb\/fr\/articles\/\d+-[a-z0-9-]+"/);
        assert.equal(canonicalOf(res.body), `${s.url}${path}`);
        assert.match(alternatesOf(res.body).en, new RegExp(`/kb/en/categories/${id}-[a-z0-9-]+$`));
    });

    test('article: 301 from the bare id, a wrong slug or the other language’s slug', async () => {
        const id = ids.public;
        const en = await get(s.url, `/kb/en/articles/${id}`);
        assert.equal(en.status, 301);
        assert.match(en.headers.location, new RegExp(`^/kb/en/articles/${id}-download-your-invoices-as-pdf$`));
        const fr = await get(s.url, `/kb/fr/articles/${id}-download-your-invoices-as-pdf`);
        assert.equal(fr.status, 301);
        assert.match(fr.headers.location, new RegExp(`^/kb/fr/articles/${id}-telecharger-vos-factures-en-pdf$`));
        const kept = await get(s.url, `/kb/en/articles/${id}-old-slug?s=1`);
        assert.equal(kept.status, 301);
        assert.equal(kept.headers.location, `/kb/en/articles/${id}-download-your-invoices-as-pdf?s=1`, 'the query goes along');
    });

    test('article page: text, breadcrumbs, canonical, hreflang, description, vote form without token', async () => {
        const path = `/kb/fr/articles/${ids.public}-telecharger-vos-factures-en-pdf`;
        const res = await get(s.url, path);
        assert.equal(res.status, 200);
        assert.match(res.body, /<html lang="fr"/);
        assert.equal(h1Of(res.body), 'Télécharger vos factures en PDF');
        assert.equal(canonicalOf(res.body), `${s.url}${path}`);
        const alternates = alternatesOf(res.body);
        assert.equal(alternates.fr, `${s.url}${path}`);
        assert.equal(alternates.en, `${s.url}/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`);
        assert.equal(alternates['x-default'], alternates.en);
        assert.ok(metaDescription(res.body).length > 20, 'a description from the summary');
        assert.match(res.body, /<nav class="kb-breadcrumbs"[\s\S]*<a href="\/kb\/fr">[\s\S]*<a href="\/kb\/fr\/categories\/\d+-[a-z0-9-]+">[\s\S]*#section-\d+">/);
        assert.match(res.body, /<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">Mis à jour le /);
        assert.match(res.body, /<form class="form kb-feedback__form" method="post" action="\/kb\/fr\/articles\/\d+\/vote">/);
        assert.doesNotMatch(res.body, /name="csrf_token"/, 'a shared page carries no token');
        assert.equal(res.headers['set-cookie'], undefined, 'a shared page sets no cookie');
        // An internal link to another article is resolved to its page in this language.
        assert.match(res.body, /<a href="\/kb\/fr\/articles\/\d+-[a-z0-9-]+">/);
        assert.doesNotMatch(res.body, /kb:[a-z0-9-]+/, 'no unresolved kb: link');
        assert.doesNotMatch(res.body, /class="kb-staff"/);
        // Its labels, and related articles (other public ones) at the end.
        const labels = [...(/<ul class="kb-labels"[^>]*>([\s\S]*?)<\/ul>/.exec(res.body)?.[1] ?? '').matchAll(/<li class="badge">([^<]+)<\/li>/g)].map((m) => m[1]);
        assert.deepEqual(labels, ['facture', 'pdf', 'duplicata']);
        const related = [...(/<nav class="kb-related"[\s\S]*?<\/nav>/.exec(res.body)?.[0] ?? '').matchAll(/<a href="(\/kb\/fr\/articles\/(\d+)-[a-z0-9-]+)">/g)];
        assert.ok(related.length >= 2, 'related articles are listed');
        assert.ok(related.every((m) => Number(m[2]) !== ids.public), 'not the article itself');
        for (const [, href] of related) assert.equal((await get(s.url, href)).status, 200, `${href} is public`);
    });

    test('conditional GET: strong ETag, 304 without a body, public for anonymous visitors only', async () => {
        const path = `/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`;
        const first = await get(s.url, path);
        const etag = first.headers.etag;
        assert.match(etag, /^"[0-9a-f]{32}"$/, 'a strong ETag');
        assert.equal(first.headers['cache-control'], 'public, no-cache');
        const second = await get(s.url, path);
        assert.equal(second.headers.etag, etag, 'the same rendering, the same tag');
        assert.equal(second.body, first.body);
        for (const header of [etag, `W/${etag}`, `"nope", ${etag}`]) {
            const again = await get(s.url, path, { 'If-None-Match': header });
            assert.equal(again.status, 304, header);
            assert.equal(again.body, '');
            assert.equal(again.headers.etag, etag);
        }
        assert.equal((await get(s.url, path, { 'If-None-Match': '"0000"' })).status, 200);

        const signedIn = await customer.get(path);
        assert.equal(signedIn.status, 200);
        assert.equal(signedIn.headers['cache-control'], 'no-store');
        assert.notEqual(signedIn.headers.etag, etag, 'a signed-in page is another rendering');
        assert.equal((await customer.get(path, { 'If-None-Match': etag })).status, 200);
    });

    test('visibility: drafts, articles in review and internal ones exist for nobody but staff', async () => {
        const sitemap = (await get(s.url, '/sitemap.xml')).body;
        const kbEn = (await get(s.url, '/kb/en')).body;
        for (const [kind, title] of Object.entries(HIDDEN)) {
            const id = ids[kind];
            for (const who of [null, customer]) {
                const label = `${kind} for ${who ? 'a customer' : 'an anonymous visitor'}`;
                for (const path of [`/kb/en/articles/${id}`, `/kb/fr/articles/${id}-x`, `/kb/en/articles/${id}/attachments/1`]) {
                    const res = who ? await who.get(path) : await get(s.url, path);
                    assert.equal(res.status, 404, `${label}: ${path}`);
                    assert.ok(!res.body.includes(title), `${label}: the title never shows`);
                }
                const vote = who
                    ? await who.post(`/kb/en/articles/${id}/vote`, { helpful: 'yes' })
                    : await new Client(s.url).post(`/kb/en/articles/${id}/vote`, { helpful: 'yes' }, { csrf: false });
                assert.equal(vote.status, 404, `${label}: vote`);
                const found = await suggest(`/kb/suggest?lang=en&q=${encodeURIComponent(title)}`, who ?? undefined);
                assert.ok(!found.some((r) => r.id === id), `${label}: not suggested`);
                const search = who
                    ? await who.get(`/search?lang=en&q=${encodeURIComponent(title)}`)
                    : await get(s.url, `/search?lang=en&q=${encodeURIComponent(title)}`);
                assert.ok(!search.body.includes(`/articles/${id}-`), `${label}: not in search results`);
            }
            assert.ok(!sitemap.includes(`/articles/${id}-`), `${kind}: not in the sitemap`);
            assert.ok(!kbEn.includes(`/articles/${id}-`), `${kind}: not on the home`);
            // Staff see it, with its status.
            const staff = await agent.get(`/kb/en/articles/${id}`);
            assert.equal(staff.status, 301, `${kind} for staff`);
            const page = await agent.get(staff.location);
            assert.equal(page.status, 200);
            assert.match(page.body, /class="kb-staff"/);
            assert.match(page.body, new RegExp(`href="/admin/kb/articles/${id}\\?lang=en"`));
        }
    });

    test('visibility: articles for customers need a session', async () => {
        const id = ids.customers;
        assert.equal((await get(s.url, `/kb/en/articles/${id}`)).status, 404);
        assert.ok(!(await suggest(`/kb/suggest?lang=en&q=${encodeURIComponent(CUSTOMERS_TITLE)}`)).some((r) => r.id === id));
        assert.ok(!(await get(s.url, '/sitemap.xml')).body.includes(`/articles/${id}-`), 'not in the sitemap');
        const res = await customer.follow(`/kb/en/articles/${id}`);
        assert.equal(res.status, 200);
        assert.equal(h1Of(res.body), CUSTOMERS_TITLE);
        assert.doesNotMatch(res.body, /class="kb-staff"/);
    });

    test('suggestions: JSON, at most 8, nothing under 2 characters, 400 for bad input', async () => {
        let res = await get(s.url, '/kb/suggest?lang=fr&q=factu');
        assert.equal(res.status, 200);
        assert.equal(res.headers['cache-control'], 'no-store');
        const results = JSON.parse(res.body).results;
        assert.ok(results.length >= 1 && results.length <= 8, `${results.length} results`);
        for (const r of results) {
            assert.equal(typeof r.id, 'number');
            assert.equal(typeof r.title, 'string');
            assert.match(r.url, new RegExp(`^/kb/fr/articles/${r.id}-[a-z0-9-]+$`));
        }
        assert.deepEqual(JSON.parse((await get(s.url, '/kb/suggest?lang=fr&q=f')).body), { results: [] });
        assert.deepEqual(JSON.parse((await get(s.url, '/kb/suggest?lang=fr&q=%20%20')).body), { results: [] });
        assert.deepEqual(JSON.parse((await get(s.url, '/kb/suggest')).body), { results: [] });
        for (const bad of ['/kb/suggest?q=%ff%fe', `/kb/suggest?q=${'a'.repeat(501)}`]) {
            res = await get(s.url, bad);
            assert.equal(res.status, 400, bad);
            assert.match(res.headers['content-type'], /^application\/json/);
            assert.equal(JSON.parse(res.body).error.code, 'invalid_query');
        }
    });

    test('search: results link with the search id, pagination, category filter', async () => {
        let res = await get(s.url, '/search?lang=fr&q=facture');
        assert.equal(res.status, 200);
        assert.match(res.body, /<html lang="fr"/);
        assert.equal(res.headers['x-robots-tag'], 'noindex, follow');
        const links = [...res.body.matchAll(/<h2 class="result__title"><a href="(\/kb\/fr\/articles\/\d+-[a-z0-9-]+\?s=(\d+))"/g)];
        assert.ok(links.length >= 2, 'results');
        assert.match(res.body, /<mark>/i, 'matched terms are highlighted');
        // The click is attributed; that page is not served from the shared cache.
        const click = await get(s.url, links[0][1]);
        assert.equal(click.status, 200);
        assert.notEqual(click.headers['cache-control'], 'public, no-cache');

        // A common word gives more than one page.
        let word = null;
        for (const candidate of ['votre', 'vous', 'compte', 'facture']) {
            res = await get(s.url, `/search?lang=fr&q=${candidate}`);
            if (/class="pagination"/.test(res.body)) {
                word = candidate;
                break;
            }
        }
        assert.ok(word, 'some query has several pages');
        assert.match(res.body, /Page 1 sur \d+/);
        assert.match(res.body, new RegExp(`href="/search\\?q=${word}&amp;page=2" rel="next"`));
        assert.doesNotMatch(res.body, /rel="prev"/);
        const page2 = await get(s.url, `/search?lang=fr&q=${word}&page=2`);
        assert.match(page2.body, /Page 2 sur \d+/);
        assert.match(page2.body, new RegExp(`href="/search\\?q=${word}" rel="prev"`));

        // The category filter narrows the results and stays selected.
        const option = /<option value="(\d+)">([^<]+)<\/option>/.exec(page2.body);
        assert.ok(option, 'a category to filter on');
        const filtered = await get(s.url, `/search?lang=fr&q=${word}&category=${option[1]}`);
        assert.match(filtered.body, new RegExp(`<option value="${option[1]}" selected>`));
        const count = (html) => Number(/(\d[\d\s\u202f]*) articles? correspond/.exec(unescapeHtml(html))?.[1].replace(/\D/g, '') ?? 0);
        assert.ok(count(filtered.body) <= count(res.body));
    });

    test('search: "did you mean" for a typo, an empty state with the FAQ and support', async () => {
        const res = await get(s.url, '/search?q=facturaton&lang=fr');
        assert.equal(res.status, 200);
        assert.match(res.body, /Vouliez-vous dire/);
        assert.match(res.body, /<a href="\/search\?q=facturation" data-did-you-mean>facturation<\/a>/);
        const none = await get(s.url, '/search?q=zzyzxqwv&lang=en');
        assert.match(none.body, /No article matches/);
        assert.match(none.body, /class="empty-state"[\s\S]*href="\/faq"[\s\S]*href="\/tickets\/new"/);
        assert.equal((await get(s.url, '/search?q=%ff')).status, 400);
        assert.equal((await get(s.url, `/search?q=${'a'.repeat(501)}`)).status, 400);
        assert.equal((await get(s.url, '/search?q=')).status, 200);
    });

    test('FAQ: questions as disclosures with their answers, in the visitor’s language', async () => {
        for (const [path, lang, headers] of [
            ['/faq', 'fr', { 'Accept-Language': 'fr' }],
            ['/faq?lang=en', 'en', {}],
            ['/kb/fr/faq', 'fr', { 'Accept-Language': 'en' }],
        ]) {
            const res = await get(s.url, path, headers);
            assert.equal(res.status, 200, path);
            assert.match(res.body, new RegExp(`<html lang="${lang}"`), path);
            const questions = res.body.match(/<details class="kb-faq__question"/g) ?? [];
            assert.ok(questions.length >= 15, `${path}: ${questions.length} questions`);
            assert.match(res.body, /<summary class="kb-faq__summary"[^>]*>[^<]+<\/summary>\s*<div class="kb-faq__answer kb-body"[^>]*>\s*<p>/);
            assert.match(res.body, new RegExp(`<a href="/kb/${lang}/articles/\\d+-[a-z0-9-]+">`));
            assert.equal(canonicalOf(res.body), `${s.url}/kb/${lang}/faq`);
        }
        assert.equal((await get(s.url, '/kb/de/faq')).status, 404);
    });

    test('sitemap.xml: well-formed, every public article in both languages with alternates; robots.txt', async () => {
        const res = await get(s.url, '/sitemap.xml');
        assert.equal(res.status, 200);
        assert.match(res.headers['content-type'], /^application\/xml/);
        assertWellFormedXml(res.body);
        const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => unescapeHtml(m[1]));
        assert.ok(locs.includes(`${s.url}/kb/en`) && locs.includes(`${s.url}/kb/fr/faq`));
        const en = `${s.url}/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`;
        const fr = `${s.url}/kb/fr/articles/${ids.public}-telecharger-vos-factures-en-pdf`;
        assert.ok(locs.includes(en) && locs.includes(fr), 'both translations');
        assert.ok(locs.filter((l) => /\/articles\//.test(l)).length >= 80, 'forty articles or more, in two languages');
        assert.match(res.body, new RegExp(`<xhtml:link rel="alternate" hreflang="fr" href="${fr}"/>`));
        assert.match(res.body, /<lastmod>\d{4}-\d\d-\d\d<\/lastmod>/);
        assert.equal(new Set(locs).size, locs.length, 'each URL once');

        const robots = await get(s.url, '/robots.txt');
        assert.equal(robots.status, 200);
        assert.match(robots.headers['content-type'], /^text\/plain/);
        assert.match(robots.body, new RegExp(`^Sitemap: ${s.url}/sitemap\\.xml$`, 'm'));
        assert.match(robots.body, /^Disallow: \/admin$/m);
        assert.equal((await get(s.url, '/sitemaps/1.xml')).status, 404, 'no parts for a small sitemap');
    });

    test('votes: anonymous yes then no is one vote; foreign origins are refused', async () => {
        const path = `/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`;
        const action = `/kb/en/articles/${ids.public}/vote`;
        const before = staffCounts((await agent.get(path)).body);

        const visitor = new Client(s.url);
        await visitor.get(path);
        let res = await visitor.post(action, { helpful: 'yes', comment: '' }, { csrf: false });
        assert.equal(res.status, 303);
        assert.equal(res.location, `${path}?voted=1#feedback`);
        const cookie = res.headers['set-cookie'].find((c) => c.startsWith('comptoir_visitor='));
        assert.match(cookie, /^comptoir_visitor=[0-9a-f]{32}; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
        res = await visitor.get(res.location.replace(/#.*/, ''));
        assert.match(res.body, /Thank you for your feedback/);
        assert.match(res.body, /data-vote="yes"/);
        assert.notEqual(res.headers['cache-control'], 'public, no-cache', 'a personal page');
        // The voter's page shows their vote and is never the shared one.
        res = await visitor.get(path);
        assert.match(res.body, /data-vote="yes"/);
        assert.equal(res.headers['cache-control'], 'private, no-cache');
        assert.doesNotMatch((await get(s.url, path)).body, /data-vote=/, 'others do not see it');

        res = await visitor.post(action, { helpful: 'no' }, { csrf: false });
        assert.equal(res.status, 303);
        assert.equal(res.headers['set-cookie'], undefined, 'the cookie is kept');
        assert.match((await visitor.get(path)).body, /data-vote="no"/);
        const after = staffCounts((await agent.get(path)).body);
        assert.equal(after.helpful, before.helpful, 'the yes became a no');
        assert.equal(after.unhelpful, before.unhelpful + 1);

        for (const headers of [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { Origin: 'null' }]) {
            res = await visitor.post(action, { helpful: 'yes' }, { csrf: false, origin: headers.Origin ?? null, headers });
            assert.equal(res.status, 403, JSON.stringify(headers));
        }
        res = await visitor.post(action, { helpful: 'yes' }, { csrf: false, origin: null, headers: { Referer: 'https://evil.example/page' } });
        assert.equal(res.status, 403, 'a foreign Referer');
        assert.match((await visitor.get(path)).body, /data-vote="no"/, 'nothing changed');
    });

    test('votes: a refused comment is shown again with the problem; signed-in voters need their token', async () => {
        const path = `/kb/fr/articles/${ids.public}-telecharger-vos-factures-en-pdf`;
        const action = `/kb/fr/articles/${ids.public}/vote`;
        const visitor = new Client(s.url);
        const long = `Trop long é ${'x'.repeat(2000)}`;
        let res = await visitor.post(action, { helpful: 'no', comment: long }, { csrf: false });
        assert.equal(res.status, 400);
        assert.match(res.body, /<html lang="fr"/);
        assert.match(res.body, /role="alert">Votre commentaire est trop long/);
        assert.ok(res.body.includes(`>${long}</textarea>`), 'the comment is kept');
        assert.match(res.body, /aria-invalid="true"/);
        assert.equal(res.headers['cache-control'], 'no-store');
        res = await visitor.post(action, { comment: 'sans choix' }, { csrf: false });
        assert.equal(res.status, 400);
        assert.match(res.body, /Choisissez «\u00a0Oui\u00a0» ou «\u00a0Non\u00a0»/);
        assert.ok(res.body.includes('>sans choix</textarea>'));

        const page = await customer.get(path);
        assert.match(page.body, /name="csrf_token" value="[0-9a-f]{64}"/, 'signed in: the form carries the token');
        res = await customer.post(action, { helpful: 'yes', comment: 'Très clair, merci' }, { csrf: false });
        assert.equal(res.status, 403, 'without the token');
        res = await customer.post(action, { helpful: 'yes', comment: 'Très clair, merci' });
        assert.equal(res.status, 303);
        assert.match((await customer.get(path)).body, /data-vote="yes"/);
        // The comment reached the authors' inbox.
        const inbox = await agent.get('/admin/kb/feedback');
        assert.equal(inbox.status, 200);
        assert.match(inbox.body, /Très clair, merci/);
    });

    test('an agent’s article in French only: fallback notice, renamed slug redirects, links resolved', async () => {
        const unique = crypto.randomBytes(3).toString('hex');
        const category = await get(s.url, '/kb/fr');
        const categoryPath = /href="(\/kb\/fr\/categories\/\d+-[a-z0-9-]+)"/.exec(category.body)[1];
        const section = /id="section-(\d+)"/.exec((await get(s.url, categoryPath)).body)[1];
        await agent.get('/admin/kb/articles/new');
        let res = await agent.post('/admin/kb/articles/new', {
            language: 'fr',
            title: `Essai intégration ${unique}`,
            body: `Bonjour **monde**.\n\nVoir [la facture](kb:${ids.public}) et [la procédure](kb:${ids.internal}).\n`,
            labels: 'essai',
            note: '',
            section_id: section,
            visibility: 'public',
            publish_at: '',
        });
        assert.equal(res.status, 303, `create: ${res.status} ${res.body.slice(0, 300)}`);
        const id = Number(/\/admin\/kb\/articles\/(\d+)/.exec(res.location)[1]);
        await agent.get(res.location);
        res = await agent.post(`/admin/kb/articles/${id}/status`, { to: 'published', language: 'fr' });
        assert.equal(res.status, 303, `publish: ${res.status}`);
        own = { id, section, slug: `essai-integration-${unique}` };

        res = await get(s.url, `/kb/fr/articles/${id}`);
        assert.equal(res.headers.location, `/kb/fr/articles/${id}-${own.slug}`);
        res = await get(s.url, res.headers.location);
        assert.equal(res.status, 200);
        assert.match(res.body, /<strong>monde<\/strong>/);
        assert.match(res.body, new RegExp(`<a href="/kb/fr/articles/${ids.public}-telecharger-vos-factures-en-pdf">la facture</a>`));
        assert.doesNotMatch(res.body, new RegExp(`/articles/${ids.internal}`), 'a link to an internal article is plain text');
        assert.match(res.body, /la procédure/);

        // English: the French text with a notice; the canonical page is the French one.
        res = await get(s.url, `/kb/en/articles/${id}`);
        assert.equal(res.status, 301);
        res = await get(s.url, res.headers.location);
        assert.equal(res.status, 200);
        assert.match(res.body, /<html lang="en"/);
        assert.match(res.body, /This article is not yet available in English; it is shown in French\./);
        assert.match(res.body, /<h1 id="article-title" lang="fr">/);
        assert.equal(canonicalOf(res.body), `${s.url}/kb/fr/articles/${id}-${own.slug}`);
        assert.deepEqual(Object.keys(alternatesOf(res.body)).sort(), ['fr', 'x-default'], 'only existing translations');

        // A new title: the page changes at once, the old slug redirects.
        const cached = await get(s.url, `/kb/fr/articles/${id}-${own.slug}`);
        assert.equal(cached.status, 200);
        await agent.get(`/admin/kb/articles/${id}?lang=fr`);
        res = await agent.post(`/admin/kb/articles/${id}/save`, {
            language: 'fr',
            title: `Essai renommé ${unique}`,
            body: 'Bonjour **monde**.\n',
            labels: 'essai',
            note: 'renommé',
        });
        assert.equal(res.status, 303, `save: ${res.status}`);
        res = await get(s.url, `/kb/fr/articles/${id}-${own.slug}`);
        assert.equal(res.status, 301, 'the old slug redirects');
        own.slug = `essai-renomme-${unique}`;
        assert.equal(res.headers.location, `/kb/fr/articles/${id}-${own.slug}`);
        res = await get(s.url, res.headers.location, { 'If-None-Match': cached.headers.etag });
        assert.equal(res.status, 200, 'a new revision, a new tag');
        assert.equal(h1Of(res.body), `Essai renommé ${unique}`);
    });

    test('attachments: images inline, other files downloaded under their name, private unless public', async () => {
        assert.ok(own, 'the previous test created the article');
        const upload = async (filename, type, data) => {
            const page = await agent.get(`/admin/kb/articles/${own.id}?lang=fr`);
            const form = multipart({ csrf_token: agent.csrf, language: 'fr' }, [{ name: 'file', filename, type, data }]);
            const res = await request(s.url, `/admin/kb/articles/${own.id}/attachments?language=fr`, {
                method: 'POST',
                headers: { Cookie: agent.cookieHeader(), Origin: s.url, 'Content-Type': form.type },
                body: form.body,
            });
            assert.equal(res.status, 303, `upload ${filename}: ${res.status} ${res.body.slice(0, 300)} (${page.status})`);
        };
        await upload('schéma.png', 'image/png', PNG);
        await upload('notes été.txt', 'text/plain', Buffer.from('Bonjour, voici mes notes.\n'));
        const page = await get(s.url, `/kb/fr/articles/${own.id}-${own.slug}`);
        const files = [...page.body.matchAll(/<li><a href="(\/kb\/fr\/articles\/\d+\/attachments\/\d+)">([^<]+)<\/a>/g)];
        assert.equal(files.length, 2, 'both files are listed');
        const png = files.find((f) => f[2].includes('.png'))[1];
        const txt = files.find((f) => f[2].includes('.txt'))[1];

        let res = await get(s.url, png);
        assert.equal(res.status, 200);
        assert.equal(res.headers['content-type'], 'image/png');
        assert.equal(res.headers['content-disposition'], 'inline');
        assert.equal(res.headers['cache-control'], 'public, max-age=3600');
        assert.deepEqual(res.bytes, PNG);
        assert.equal((await get(s.url, png, { 'If-None-Match': res.headers.etag })).status, 304);

        res = await get(s.url, txt);
        assert.equal(res.status, 200);
        assert.match(res.headers['content-type'], /^text\/plain/);
        assert.equal(res.headers['content-disposition'],
            "attachment; filename=\"notes _t_.txt\"; filename*=UTF-8''notes%20%C3%A9t%C3%A9.txt");
        assert.equal(res.headers['x-content-type-options'], 'nosniff');

        // Customers only: the file is private, and hidden from anonymous visitors.
        await agent.get(`/admin/kb/articles/${own.id}?lang=fr`);
        res = await agent.post(`/admin/kb/articles/${own.id}/settings`, {
            language: 'fr',
            section_id: own.section,
            visibility: 'customers',
            publish_at: '',
        });
        assert.equal(res.status, 303, `settings: ${res.status}`);
        assert.equal((await get(s.url, png)).status, 404);
        res = await customer.get(png);
        assert.equal(res.status, 200);
        assert.equal(res.headers['cache-control'], 'private, no-cache');
        assert.equal((await get(s.url, `/kb/fr/articles/${own.id}-${own.slug}`)).status, 404, 'the page left the cache at once');
    });

    test('views are counted in memory and written every few seconds', { timeout: 60_000 }, async () => {
        const path = `/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`;
        const before = staffCounts((await agent.get(path)).body).views;
        for (let i = 0; i < 3; i++) await get(s.url, path);
        await sleep(5_500);
        await get(s.url, path); // crosses the interval: the counts are written
        const after = staffCounts((await agent.get(path)).body).views;
        assert.ok(after >= before + 4, `views ${before} → ${after}`);
    });

    // Last: it spends this address's anonymous votes for the hour.
    test('votes: one address casts at most 100 anonymous votes an hour; signed-in voters are not limited', { timeout: 120_000 }, async () => {
        const path = `/kb/en/articles/${ids.public}-download-your-invoices-as-pdf`;
        const action = `/kb/en/articles/${ids.public}/vote`;
        const before = staffCounts((await agent.get(path)).body);
        // Earlier tests voted from this address too: fill up to the limit.
        let accepted = 0;
        let res;
        for (let i = 0; i < 100; i++) {
            res = await new Client(s.url).post(action, { helpful: 'yes' }, { csrf: false });
            if (res.status !== 303) break;
            accepted += 1;
        }
        assert.equal(res.status, 429, `refused after ${accepted} more votes`);
        assert.ok(accepted > 80, `${accepted} votes accepted before the limit`);
        assert.match(res.body, /role="alert">Too many votes came from your network in the last hour/);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.equal(staffCounts((await agent.get(path)).body).helpful, before.helpful + accepted, 'the refused vote did not count');

        res = await customer.post(`/kb/en/articles/${ids.public}/vote`, { helpful: 'no' });
        assert.equal(res.status, 303, 'a signed-in vote still counts');
    });
});
