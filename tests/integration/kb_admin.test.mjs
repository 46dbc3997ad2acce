// Knowledge-base authoring through HTTP, as an agent does it without
// JavaScript: write an article in French (preview, save, review, publish),
// translate it, see the translation flagged when the source changes, compare
// and restore revisions, schedule, restrict and archive it, manage categories,
// read the feedback inbox and the content gaps, attach files. Customers and
// anonymous visitors reach none of it, and every form needs its CSRF token.
import { forEachBackend, useServer, test, assert, request, rawRequest } from './lib.mjs';
import { Client, signIn, enrolMfa, postMultipart } from './session-lib.mjs';

const AGENT = 'camille.rousseau@lumiere.example'; // Europe/Paris, French
const AGENT_PASSWORD = 'Demo-Agent-2026!';
const CLIENT_PASSWORD = 'Demo-Client-2026!';
const LUCAS = 'lucas.bernard@boulangerie-martin.example'; // customer, Boulangerie Martin
const OLIVER = 'oliver.brown@northwind-dental.example'; // customer, Northwind Dental

// A real 1×1 PNG.
const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082',
    'hex',
);
// The start of a Windows program, whatever its name says.
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'), Buffer.alloc(64)]);

let counter = 0;
/** A word no other test or demo article contains (letters only: the search index stems words). */
function uniqueWord(prefix) {
    counter += 1;
    const letters = (Date.now() * 1000 + counter).toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]);
    return `${prefix}${letters}`;
}

async function signedIn(url, email, password = CLIENT_PASSWORD) {
    const client = new Client(url);
    const res = await signIn(client, email, password);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    return client;
}

function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status}\n${(res.body ?? '').slice(0, 1500)}`);
}

/** The Markdown preview's content on an editor page. */
function previewOf(html) {
    const m = /<div class="kb-preview__body"[^>]*data-kb-preview[^>]*>([\s\S]*?)<\/div>\n<\/section>/.exec(html);
    assert.ok(m, 'the editor has a preview area');
    return m[1];
}

function textareaOf(html) {
    const m = /<textarea id="kb-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
    assert.ok(m, 'the editor has the body textarea');
    return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

forEachBackend('knowledge-base authoring', (backend) => {
    const s = useServer(backend);
    // One agent session for the whole file: MFA enrolment happens once per account.
    let agentPromise = null;
    const agent = () => {
        agentPromise ??= (async () => {
            const client = await signedIn(s.url, AGENT, AGENT_PASSWORD);
            await enrolMfa(client);
            return client;
        })();
        return agentPromise;
    };
    // A category and section of this test run where its articles live.
    let placePromise = null;
    const place = () => {
        placePromise ??= (async () => {
            const a = await agent();
            await a.get('/admin/kb/categories');
            const word = uniqueWord('Rayon');
            let res = await a.post('/admin/kb/categories', {
                kind: 'kb',
                icon: 'wrench',
                name_en: `Tests ${word}`,
                name_fr: `Essais ${word}`,
                description_en: '',
                description_fr: '',
            });
            expectStatus(res, 303, 'category created');
            const categoryId = Number(/^\/admin\/kb\/categories\/(\d+)\?done=category_created$/.exec(res.location)?.[1]);
            assert.ok(categoryId > 0, res.location);
            await a.get(res.location);
            res = await a.post(`/admin/kb/categories/${categoryId}/sections`, {
                name_en: `Section ${word}`,
                name_fr: `Rubrique ${word}`,
            });
            expectStatus(res, 303, 'section created');
            const sectionId = Number(/#section-(\d+)$/.exec(res.location)?.[1]);
            assert.ok(sectionId > 0, res.location);
            return { categoryId, sectionId };
        })();
        return placePromise;
    };

    /** Creates an article (draft) through the new-article form; returns its id. */
    async function createArticle({ title, body, language = 'fr', visibility = 'public', labels = '' }) {
        const a = await agent();
        const { sectionId } = await place();
        await a.get(`/admin/kb/articles/new?language=${language}`);
        const res = await a.post('/admin/kb/articles/new', {
            action: 'save',
            language,
            title,
            body,
            labels,
            note: 'première version',
            section_id: sectionId,
            visibility,
            publish_at: '',
        });
        expectStatus(res, 303, 'article created');
        const m = new RegExp(`^/admin/kb/articles/(\\d+)\\?language=${language}&done=created$`).exec(res.location);
        assert.ok(m, `redirect to the editor: ${res.location}`);
        return Number(m[1]);
    }

    async function setStatus(id, to, expected = 303) {
        const a = await agent();
        await a.get(`/admin/kb/articles/${id}?language=fr`);
        const res = await a.post(`/admin/kb/articles/${id}/status`, { to, language: 'fr' });
        expectStatus(res, expected, `status → ${to}`);
        return res;
    }

    async function publish(id) {
        await setStatus(id, 'review');
        await setStatus(id, 'published');
    }

    async function saveSettings(id, fields, expected = 303) {
        const a = await agent();
        const { sectionId } = await place();
        await a.get(`/admin/kb/articles/${id}?language=fr`);
        const res = await a.post(`/admin/kb/articles/${id}/settings`, {
            language: 'fr',
            section_id: sectionId,
            visibility: 'public',
            publish_at: '',
            ...fields,
        });
        expectStatus(res, expected, `settings ${JSON.stringify(fields)}`);
        return res;
    }

    async function saveText(id, language, title, body, note = '') {
        const a = await agent();
        await a.get(`/admin/kb/articles/${id}?language=${language}`);
        const res = await a.post(`/admin/kb/articles/${id}/save`, { action: 'save', language, title, body, labels: '', note });
        expectStatus(res, 303, `save ${language}`);
        assert.equal(res.location, `/admin/kb/articles/${id}?language=${language}&done=saved`);
    }

    /** GET of a public page as `client`, following the slug redirect. */
    async function publicStatus(client, path) {
        return (await client.follow(path)).status;
    }

    test('customers and anonymous visitors reach no authoring page or form', async () => {
        const routes = [
            ['GET', '/admin/kb'],
            ['GET', '/admin/kb/articles/new'],
            ['POST', '/admin/kb/articles/new'],
            ['GET', '/admin/kb/articles/1'],
            ['POST', '/admin/kb/articles/1/save'],
            ['POST', '/admin/kb/articles/1/settings'],
            ['POST', '/admin/kb/articles/1/status'],
            ['POST', '/admin/kb/articles/1/move'],
            ['GET', '/admin/kb/articles/1/history'],
            ['GET', '/admin/kb/articles/1/diff?from=1&to=2'],
            ['POST', '/admin/kb/articles/1/restore'],
            ['POST', '/admin/kb/articles/1/attachments'],
            ['POST', '/admin/kb/articles/1/attachments/1/delete'],
            ['POST', '/admin/kb/preview'],
            ['GET', '/admin/kb/categories'],
            ['POST', '/admin/kb/categories'],
            ['GET', '/admin/kb/categories/1'],
            ['POST', '/admin/kb/categories/1'],
            ['POST', '/admin/kb/categories/1/delete'],
            ['POST', '/admin/kb/categories/1/move'],
            ['POST', '/admin/kb/categories/1/sections'],
            ['POST', '/admin/kb/sections/1'],
            ['POST', '/admin/kb/sections/1/delete'],
            ['POST', '/admin/kb/sections/1/move'],
            ['GET', '/admin/kb/feedback'],
            ['POST', '/admin/kb/feedback/1/handled'],
            ['GET', '/admin/kb/searches'],
        ];
        const lucas = await signedIn(s.url, LUCAS);
        await lucas.get('/account'); // a page with a form: Lucas's own valid CSRF token
        assert.ok(lucas.csrf, 'the customer has a token');
        const anonymous = new Client(s.url);
        await anonymous.get('/sign-in');
        for (const [method, path] of routes) {
            if (method === 'GET') {
                expectStatus(await lucas.get(path), 404, `customer GET ${path}`);
                const res = await anonymous.get(path);
                expectStatus(res, 303, `anonymous GET ${path}`);
                assert.match(res.location, /^\/sign-in/, `anonymous GET ${path} is sent to sign in`);
            } else {
                // A customer's valid token does not open a staff form.
                expectStatus(await lucas.post(path, { direction: 'up', to: 'published', handled: '1' }), 404, `customer POST ${path}`);
                const res = await anonymous.post(path, { direction: 'up' });
                assert.ok([403, 303].includes(res.status), `anonymous POST ${path}: ${res.status}`);
                if (res.status === 303) assert.match(res.location, /^\/sign-in/, `anonymous POST ${path}`);
            }
        }
    });

    test('an agent previews without JavaScript, saves, submits for review and publishes a French article', async () => {
        const a = await agent();
        const { sectionId } = await place();
        const word = uniqueWord('Compteur');
        const title = `Relever le ${word}`;
        const body = [
            `Pour relever votre ${word}, notez les chiffres.`,
            '',
            '| Index | Valeur |',
            '| --- | --- |',
            '| Jour | 123 |',
            '',
            'Ancien tarif : ~~0,25 €~~',
            '',
            '<script>alert("x")</script>',
        ].join('\n');

        let res = await a.get('/admin/kb/articles/new?language=fr');
        expectStatus(res, 200, 'new article form');
        assert.match(res.body, /name="action" value="preview"/, 'a Preview button that works without JavaScript');
        assert.match(res.body, /js\/kb-editor\.[0-9a-f]+\.js/, 'the editor script is linked (not inline)');

        res = await a.post('/admin/kb/articles/new', {
            action: 'preview',
            language: 'fr',
            title,
            body,
            labels: 'compteur, relevé',
            note: '',
            section_id: sectionId,
            visibility: 'public',
            publish_at: '',
        });
        expectStatus(res, 200, 'preview');
        const preview = previewOf(res.body);
        assert.match(preview, /<table>/, 'the table is rendered');
        assert.match(preview, /<del>0,25 €<\/del>/, 'the strikethrough is rendered');
        assert.doesNotMatch(preview, /<script/i, 'raw HTML is never rendered');
        assert.match(preview, /&lt;script&gt;/, 'raw HTML is shown as typed');
        assert.equal(textareaOf(res.body), body, 'the Markdown typed is kept in the form');
        assert.ok(res.body.includes(`value="${title}"`), 'the title typed is kept');
        // Nothing was saved.
        res = await a.get('/admin/kb?language=fr&sort=updated');
        assert.ok(!res.body.includes(word), 'a preview saves nothing');

        // The live preview's endpoint renders the same safe fragment.
        res = await a.post('/admin/kb/preview', { body, language: 'fr' });
        expectStatus(res, 200, 'live preview');
        assert.match(res.body, /<table>/);
        assert.doesNotMatch(res.body, /<script/i);
        expectStatus(await a.post('/admin/kb/preview', { body }, { csrf: false }), 403, 'live preview without token');

        const id = await createArticle({ title, body, labels: 'compteur, relevé' });
        res = await a.get(`/admin/kb/articles/${id}?language=fr&done=created`);
        expectStatus(res, 200, 'editor');
        assert.match(res.body, /data-status="draft"/);
        assert.match(res.body, /data-transition="review"/, 'a draft can be submitted for review');
        assert.match(res.body, /data-transition="published"/);
        assert.doesNotMatch(res.body, /data-transition="archived"/, 'a draft cannot be archived');
        assert.match(res.body, /class="banner banner--notice"/, 'the save is confirmed');

        const visitor = new Client(s.url);
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'a draft is not public');
        await setStatus(id, 'review');
        res = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.match(res.body, /data-status="review"/);
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'an article in review is not public');
        await setStatus(id, 'published');
        res = await visitor.follow(`/kb/fr/articles/${id}`);
        expectStatus(res, 200, 'published article, anonymous');
        assert.ok(res.body.includes(title));
        assert.match(res.body, /<del>0,25 €<\/del>/);
        assert.doesNotMatch(res.body, /<script>alert/);

        // A move the workflow does not allow is refused with a message.
        res = await setStatus(id, 'review', 409);
        assert.match(res.body, /data-status="published"/, 'the editor is shown again, unchanged');
        assert.match(res.body, /class="form__error"/);
    });

    test('a refused save keeps what the author typed and says why', async () => {
        const a = await agent();
        const { sectionId } = await place();
        await a.get('/admin/kb/articles/new?language=fr');
        const body = `Un texte sans titre ${uniqueWord('mot')}`;
        let res = await a.post('/admin/kb/articles/new', {
            action: 'save',
            language: 'fr',
            title: '   ',
            body,
            section_id: sectionId,
            visibility: 'public',
        });
        expectStatus(res, 400, 'no title');
        assert.equal(textareaOf(res.body), body);
        assert.match(res.body, /Donnez un titre à l&#39;article\.|Give the article a title\./);
        res = await a.post('/admin/kb/articles/new', {
            action: 'save',
            language: 'fr',
            title: 'Titre',
            body,
            section_id: sectionId,
            visibility: 'organisations',
        });
        expectStatus(res, 400, 'organisations without any');
        assert.match(res.body, /Choisissez au moins une organisation|Choose at least one organisation/);
        res = await a.post('/admin/kb/articles/new', {
            action: 'save',
            language: 'fr',
            title: 'Titre',
            body,
            section_id: sectionId,
            visibility: 'public',
            publish_at: '2026-02-30T10:00',
        });
        expectStatus(res, 400, 'impossible date');
        assert.ok(res.body.includes('value="2026-02-30T10:00"'), 'the date typed is kept');
    });

    test('adding the English translation, then editing the French source flags it outdated', async () => {
        const a = await agent();
        const word = uniqueWord('Facture');
        const id = await createArticle({ title: `Payer la ${word}`, body: `Première ligne.\nPayez la ${word} en ligne.\nFin.` });

        let res = await a.get(`/admin/kb/articles/${id}?language=en`);
        expectStatus(res, 200, 'editor, missing English');
        assert.match(res.body, /data-translation-missing/, 'a missing translation is announced');
        assert.match(textareaOf(res.body), new RegExp(`Payez la ${word}`), 'prefilled with the source text to translate');
        assert.match(res.body, /<li data-language="en"><a [^>]*aria-current="page"[^>]*>[^<]+<\/a> <span class="badge" data-missing>/);

        await saveText(id, 'en', `Pay the ${word}`, `First line.\nPay the ${word} online.\nEnd.`, 'translation');
        res = await a.get(`/admin/kb?language=en&sort=updated`);
        let row = new RegExp(`<tr data-article-id="${id}"[\\s\\S]*?</tr>`).exec(res.body)?.[0];
        assert.ok(row, 'the article is listed');
        assert.match(row, /<li data-language="en"><a/, 'English exists and is up to date');
        assert.match(row, /<li data-language="fr"><a/);

        await saveText(id, 'fr', `Payer la ${word}`, `Première ligne.\nRéglez la ${word} en ligne par carte.\nFin.`, 'carte');
        res = await a.get(`/admin/kb?language=en&sort=updated`);
        row = new RegExp(`<tr data-article-id="${id}"[\\s\\S]*?</tr>`).exec(res.body)?.[0];
        assert.match(row, /<li data-language="en" data-outdated="1">/, 'English is flagged outdated in the list');
        assert.match(row, /<li data-language="fr"><a/, 'the source is not');
        res = await a.get('/admin/kb?language=en&outdated=1');
        assert.ok(res.body.includes(`data-article-id="${id}"`), 'the outdated filter lists it');
        res = await a.get('/admin/kb?language=fr&outdated=1');
        assert.ok(!res.body.includes(`data-article-id="${id}"`), 'French is not outdated');

        // The translator sees why, and what changed in the source.
        res = await a.get(`/admin/kb/articles/${id}?language=en`);
        assert.match(res.body, /data-translation-outdated/);
        const diffUrl = /<a href="(\/admin\/kb\/articles\/\d+\/diff\?from=\d+&amp;to=\d+)">/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
        assert.ok(diffUrl, 'a link to the source changes');
        res = await a.get(diffUrl);
        expectStatus(res, 200, 'source diff');
        assert.match(res.body, new RegExp(`data-kind="removed">[\\s\\S]*?Payez la ${word} en ligne\\.`));
        assert.match(res.body, new RegExp(`data-kind="added">[\\s\\S]*?Réglez la ${word} en ligne par carte\\.`));

        // Saving the translation clears the flag.
        await saveText(id, 'en', `Pay the ${word}`, `First line.\nPay the ${word} online by card.\nEnd.`);
        res = await a.get(`/admin/kb?language=en&sort=updated`);
        row = new RegExp(`<tr data-article-id="${id}"[\\s\\S]*?</tr>`).exec(res.body)?.[0];
        assert.match(row, /<li data-language="en"><a/);
    });

    test('history lists the revisions, the diff shows a change, restore brings the old text back as a new revision', async () => {
        const a = await agent();
        const word = uniqueWord('Historique');
        const oldLine = `Appelez le service ${word} au 01 02 03 04 05.`;
        const newLine = `Écrivez au service ${word} depuis votre espace.`;
        const id = await createArticle({ title: `Contacter ${word}`, body: `Bonjour.\n${oldLine}\nMerci.` });
        await publish(id);
        await saveText(id, 'fr', `Contacter ${word}`, `Bonjour.\n${newLine}\nMerci.`, 'nouveau canal');

        let res = await a.get(`/admin/kb/articles/${id}/history?language=fr`);
        expectStatus(res, 200, 'history');
        const revisions = [...res.body.matchAll(/<tr data-revision-id="(\d+)">/g)].map((m) => Number(m[1]));
        assert.equal(revisions.length, 2, 'two saves, two revisions');
        assert.ok(revisions[0] > revisions[1], 'newest first');
        assert.match(res.body, /nouveau canal/, 'the note is shown');
        assert.match(res.body, /Camille Rousseau/, 'the author is shown');
        const [newest, oldest] = revisions;

        res = await a.get(`/admin/kb/articles/${id}/diff?from=${oldest}&to=${newest}`);
        expectStatus(res, 200, 'diff');
        assert.match(res.body, new RegExp(`data-kind="removed"><td class="kb-diff__num">2</td><td class="kb-diff__num"></td><td class="kb-diff__sign"><span aria-hidden="true">−</span><span class="visually-hidden">[^<]+</span></td><td class="kb-diff__text">${oldLine}</td>`));
        assert.match(res.body, new RegExp(`data-kind="added">[\\s\\S]*?<span aria-hidden="true">\\+</span>[\\s\\S]*?${newLine}`));
        // Picked the other way round, the older one is still on the left.
        const swapped = await a.get(`/admin/kb/articles/${id}/diff?from=${newest}&to=${oldest}`);
        assert.match(swapped.body, new RegExp(`data-kind="removed">[\\s\\S]*?${oldLine}`));
        expectStatus(await a.get(`/admin/kb/articles/${id}/diff?from=${oldest}&to=999999999`), 404, 'unknown revision');
        expectStatus(await a.get(`/admin/kb/articles/${id}/diff?from=abc&to=${newest}`), 400, 'not a revision');

        await a.get(`/admin/kb/articles/${id}/history?language=fr`);
        res = await a.post(`/admin/kb/articles/${id}/restore`, { revision: oldest });
        expectStatus(res, 303, 'restore');
        assert.equal(res.location, `/admin/kb/articles/${id}?language=fr&done=restored`);
        res = await a.get(res.location);
        assert.ok(textareaOf(res.body).includes(oldLine), 'the editor has the old text again');
        res = await a.get(`/admin/kb/articles/${id}/history?language=fr`);
        const after = [...res.body.matchAll(/<tr data-revision-id="(\d+)">/g)].map((m) => Number(m[1]));
        assert.equal(after.length, 3, 'restoring is a new revision; none is lost');
        assert.ok(after[0] > newest);
        assert.match(res.body, new RegExp(`restored #${oldest}`));
        res = await new Client(s.url).follow(`/kb/fr/articles/${id}`);
        assert.ok(res.body.includes(oldLine), 'readers see the restored text');
        assert.ok(!res.body.includes(newLine));
    });

    test('a scheduled publication keeps the article hidden until its time', async () => {
        const a = await agent();
        const word = uniqueWord('Programme');
        const id = await createArticle({ title: `Nouveautés ${word}`, body: `Bientôt : ${word}.` });
        await publish(id);
        const visitor = new Client(s.url);
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 200);

        const nextYear = new Date().getUTCFullYear() + 1;
        await saveSettings(id, { publish_at: `${nextYear}-06-01T09:30` });
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'scheduled in the future: hidden');
        let res = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.ok(res.body.includes(`value="${nextYear}-06-01T09:30"`), 'shown back in the author\'s time zone');
        assert.match(res.body, /data-scheduled>/);

        res = await saveSettings(id, { publish_at: 'demain matin' }, 400);
        assert.ok(res.body.includes('value="demain matin"'), 'the value typed is kept');
        assert.match(res.body, /n&#39;est pas une date|is not a valid date/);

        // A few seconds ahead, in the author's time zone (Europe/Paris): the
        // article appears by itself when its time comes, nobody acting.
        const soon = new Date(Date.now() + 8_000);
        const parts = Object.fromEntries(
            new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
                .formatToParts(soon)
                .map((p) => [p.type, p.value]),
        );
        await saveSettings(id, { publish_at: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}` });
        if (Date.now() < soon.getTime() - 1_000) assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'not yet');
        await new Promise((done) => setTimeout(done, Math.max(0, soon.getTime() + 1_000 - Date.now())));
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 200, 'its time has come');
        const search = await visitor.get(`/search?lang=fr&q=${word}`);
        assert.match(search.body, new RegExp(`/kb/fr/articles/${id}-`), 'and search finds it');
    });

    test('visibility: internal articles are for agents, organisation articles for their members', async () => {
        const a = await agent();
        const word = uniqueWord('Interne');
        const id = await createArticle({ title: `Procédure ${word}`, body: `Réservé : ${word}.` });
        await publish(id);

        await saveSettings(id, { visibility: 'internal' });
        const visitor = new Client(s.url);
        const lucas = await signedIn(s.url, LUCAS);
        const oliver = await signedIn(s.url, OLIVER);
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'internal: not for anonymous visitors');
        assert.equal(await publicStatus(lucas, `/kb/fr/articles/${id}`), 404, 'internal: not for customers');
        assert.equal(await publicStatus(a, `/kb/fr/articles/${id}`), 200, 'internal: agents read it');

        const editor = await a.get(`/admin/kb/articles/${id}?language=fr`);
        const martin = /<option value="(\d+)">Boulangerie Martin<\/option>/.exec(editor.body)?.[1];
        assert.ok(martin, 'the organisations are offered');
        await saveSettings(id, { visibility: 'organisations', organisation: [martin] });
        assert.equal(await publicStatus(lucas, `/kb/fr/articles/${id}`), 200, 'a member of the organisation reads it');
        assert.equal(await publicStatus(oliver, `/kb/fr/articles/${id}`), 404, 'a customer of another organisation does not');
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404, 'nor does an anonymous visitor');
        const again = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.match(again.body, new RegExp(`<option value="${martin}" selected>Boulangerie Martin</option>`));

        const res = await saveSettings(id, { visibility: 'organisations' }, 400);
        assert.match(res.body, /Choisissez au moins une organisation|Choose at least one organisation/);
        await saveSettings(id, { visibility: 'customers' });
        assert.equal(await publicStatus(oliver, `/kb/fr/articles/${id}`), 200, 'signed-in customers');
        assert.equal(await publicStatus(visitor, `/kb/fr/articles/${id}`), 404);
    });

    test('archiving or scheduling removes the article from its page, the search, suggestions, its category and the sitemap', async () => {
        const word = uniqueWord('Archive');
        const id = await createArticle({ title: `Ancienne offre ${word}`, body: `L'offre ${word} est terminée.` });
        await publish(id);
        const { categoryId } = await place();
        const visitor = new Client(s.url);
        const everywhere = async () => {
            const found = [];
            if ((await publicStatus(visitor, `/kb/fr/articles/${id}`)) === 200) found.push('page');
            if ((await visitor.get(`/search?q=${word}&lang=fr`)).body.includes(`/kb/fr/articles/${id}-`)) found.push('search');
            const suggested = JSON.parse((await visitor.get(`/kb/suggest?lang=fr&q=${word}`)).body).results;
            if (suggested.some((r) => r.id === id)) found.push('suggestions');
            if ((await visitor.follow(`/kb/fr/categories/${categoryId}`)).body.includes(`/kb/fr/articles/${id}-`)) found.push('category');
            if ((await visitor.get('/sitemap.xml')).body.includes(`/kb/fr/articles/${id}-`)) found.push('sitemap');
            return found;
        };
        assert.deepEqual(await everywhere(), ['page', 'search', 'suggestions', 'category', 'sitemap'], 'while published');

        await saveSettings(id, { publish_at: `${new Date().getUTCFullYear() + 1}-01-15T08:00` });
        assert.deepEqual(await everywhere(), [], 'scheduled for next year: nowhere');
        await saveSettings(id, { publish_at: '' });
        assert.equal((await everywhere()).length, 5, 'back once the date is cleared');

        await setStatus(id, 'archived');
        assert.deepEqual(await everywhere(), [], 'archived: nowhere');
        let res;
        const a = await agent();
        res = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.match(res.body, /data-status="archived"/);
        assert.match(res.body, /data-transition="draft"/, 'it can come back as a draft');
        assert.doesNotMatch(res.body, /data-transition="published"/);
    });

    test('categories: create, rename, reorder; a category that is not empty is not deleted', async () => {
        const a = await agent();
        await a.get('/admin/kb/categories');
        const word = uniqueWord('Classe');
        let res = await a.post('/admin/kb/categories', { kind: 'faq', icon: 'question', name_en: '', name_fr: `Sans anglais ${word}` });
        expectStatus(res, 400, 'the default language name is required');
        assert.ok(res.body.includes(`value="Sans anglais ${word}"`), 'the names typed are kept');
        res = await a.post('/admin/kb/categories', { kind: 'kb', icon: 'not-an-icon', name_en: `Icon ${word}` });
        expectStatus(res, 400, 'unknown icon');

        res = await a.post('/admin/kb/categories', { kind: 'faq', icon: 'question', name_en: `Questions ${word}`, name_fr: `Questions ${word}` });
        expectStatus(res, 303, 'create');
        const id = Number(/categories\/(\d+)\?done=category_created/.exec(res.location)?.[1]);
        res = await a.get(res.location);
        expectStatus(res, 200, 'category page');
        res = await a.post(`/admin/kb/categories/${id}`, {
            kind: 'faq',
            icon: 'question',
            name_en: `Common questions ${word}`,
            name_fr: `Questions fréquentes ${word}`,
            description_fr: 'Les réponses rapides.',
        });
        expectStatus(res, 303, 'rename');
        res = await a.get(res.location);
        assert.ok(res.body.includes(`Questions fréquentes ${word}`), 'renamed in French');
        assert.ok(res.body.includes(`value="Common questions ${word}"`), 'and in English');

        // The new category is last; moving it up puts it before the one that preceded it.
        res = await a.get('/admin/kb/categories');
        let order = [...res.body.matchAll(/data-category-id="(\d+)"/g)].map((m) => Number(m[1]));
        assert.equal(order.at(-1), id, 'new categories go last');
        const before = order.at(-2);
        res = await a.post(`/admin/kb/categories/${id}/move`, { direction: 'up' });
        expectStatus(res, 303, 'move up');
        res = await a.get('/admin/kb/categories');
        order = [...res.body.matchAll(/data-category-id="(\d+)"/g)].map((m) => Number(m[1]));
        assert.ok(order.indexOf(id) < order.indexOf(before), 'moved up');
        expectStatus(await a.post(`/admin/kb/categories/${id}/move`, { direction: 'sideways' }), 400, 'bad direction');

        // Sections and their order, then articles within a section.
        await a.get(`/admin/kb/categories/${id}`);
        res = await a.post(`/admin/kb/categories/${id}/sections`, { name_en: `First ${word}`, name_fr: `Premier ${word}` });
        const first = Number(/#section-(\d+)$/.exec(res.location)?.[1]);
        res = await a.post(`/admin/kb/categories/${id}/sections`, { name_en: `Second ${word}`, name_fr: `Second ${word}` });
        const second = Number(/#section-(\d+)$/.exec(res.location)?.[1]);
        res = await a.post(`/admin/kb/sections/${second}/move`, { direction: 'up' });
        expectStatus(res, 303, 'section move');
        res = await a.get(`/admin/kb/categories/${id}`);
        const sections = [...res.body.matchAll(/data-section-id="(\d+)"/g)].map((m) => Number(m[1]));
        assert.deepEqual(sections, [second, first]);

        const one = await createArticle({ title: `Un ${word}`, body: 'Un.' });
        const two = await createArticle({ title: `Deux ${word}`, body: 'Deux.' });
        for (const article of [one, two]) await saveSettings(article, { section_id: first });
        await a.get(`/admin/kb/categories/${id}`);
        res = await a.post(`/admin/kb/articles/${two}/move`, { direction: 'up' });
        expectStatus(res, 303, 'article move');
        res = await a.get(`/admin/kb/categories/${id}`);
        const articles = [...res.body.matchAll(/<li data-article-id="(\d+)">/g)].map((m) => Number(m[1]));
        assert.deepEqual(articles, [two, one], 'articles reordered within their section');

        res = await a.post(`/admin/kb/categories/${id}/delete`, {});
        expectStatus(res, 409, 'a category with sections is not deleted');
        assert.match(res.body, /data-delete-refused>[^<]+/);
        res = await a.post(`/admin/kb/sections/${first}/delete`, {});
        expectStatus(res, 409, 'a section with articles is not deleted');
        assert.match(res.body, /contient encore des articles|still has articles/);
        res = await a.post(`/admin/kb/sections/${second}/delete`, {});
        expectStatus(res, 303, 'an empty section is deleted');

        // An empty category goes.
        await a.get('/admin/kb/categories');
        res = await a.post('/admin/kb/categories', { kind: 'kb', icon: '', name_en: `Empty ${word}` });
        const empty = Number(/categories\/(\d+)\?done=category_created/.exec(res.location)?.[1]);
        res = await a.post(`/admin/kb/categories/${empty}/delete`, {});
        expectStatus(res, 303, 'an empty category is deleted');
        expectStatus(await a.get(`/admin/kb/categories/${empty}`), 404, 'gone');
    });

    test('the feedback inbox shows a comment left on the public page; it can be marked handled', async () => {
        const word = uniqueWord('Avis');
        const id = await createArticle({ title: `Relire ${word}`, body: `Texte ${word}.` });
        await publish(id);
        const visitor = new Client(s.url);
        await visitor.follow(`/kb/fr/articles/${id}`);
        const comment = `Il manque une capture ${word}`;
        let res = await visitor.post(`/kb/fr/articles/${id}/vote`, { helpful: 'no', comment }, { csrf: false });
        expectStatus(res, 303, 'vote with a comment');

        const a = await agent();
        res = await a.get('/admin/kb/feedback');
        expectStatus(res, 200, 'inbox');
        const items = [...res.body.matchAll(/<li class="card" data-feedback-id="(\d+)" data-vote="(yes|no)">([\s\S]*?)<\/li>/g)];
        const item = items.find((m) => m[3].includes(comment));
        assert.ok(item, 'the comment is in the open tab');
        assert.equal(item[2], 'no', 'with its vote');
        const feedbackId = Number(item[1]);
        assert.ok(item[3].includes(`/admin/kb/articles/${id}?language=fr`), 'linked to its article');

        res = await a.post(`/admin/kb/feedback/${feedbackId}/handled`, { handled: '1' });
        expectStatus(res, 303, 'mark handled');
        assert.equal(res.location, '/admin/kb/feedback?handled=0&done=feedback_handled');
        res = await a.get(res.location);
        assert.ok(!res.body.includes(comment), 'no longer open');
        res = await a.get('/admin/kb/feedback?handled=1');
        assert.ok(res.body.includes(comment), 'in the handled tab');
        res = await a.post(`/admin/kb/feedback/${feedbackId}/handled`, { handled: '0' });
        expectStatus(res, 303, 'reopen');
        assert.ok((await a.get('/admin/kb/feedback')).body.includes(comment), 'open again');
        expectStatus(await a.post(`/admin/kb/feedback/${feedbackId}/handled`, { handled: 'maybe' }), 400, 'bad value');
        expectStatus(await a.post('/admin/kb/feedback/999999999/handled', { handled: '1' }), 404, 'unknown item');
    });

    test('content gaps list a search that found nothing, with a link to write the article', async () => {
        const query = uniqueWord('introuvable');
        const visitor = new Client(s.url);
        expectStatus(await visitor.get(`/search?q=${query}&lang=fr`), 200, 'search');
        const a = await agent();
        let res = await a.get('/admin/kb/searches');
        expectStatus(res, 200, 'search analytics');
        assert.ok(res.body.includes(`data-gap-query="${query}"`), 'the query is a content gap');
        assert.match(res.body, /data-stat="searches">\d/);
        const link = new RegExp(`href="(/admin/kb/articles/new\\?title=${query}&amp;language=fr)"`).exec(res.body)?.[1];
        assert.ok(link, 'a link to write the article');
        res = await a.get(link.replace(/&amp;/g, '&'));
        expectStatus(res, 200, 'new article from a gap');
        assert.ok(res.body.includes(`value="${query}"`), 'the title is prefilled with the query');
    });

    test('a title picked from the search-as-you-type list counts as a search with a click', async () => {
        const a = await agent();
        const stat = (body, name) => Number(new RegExp(`data-stat="${name}">([\\d\\s\\u202f\\u00a0]+)`).exec(body)?.[1].replace(/\D/g, ''));
        let res = await a.get('/admin/kb/searches');
        expectStatus(res, 200, 'search analytics');
        const before = { searches: stat(res.body, 'searches'), clicks: stat(res.body, 'with-click') };
        assert.ok(Number.isInteger(before.searches) && Number.isInteger(before.clicks), 'figures shown');

        const visitor = new Client(s.url);
        const suggestions = JSON.parse((await visitor.get('/kb/suggest?lang=fr&q=factu')).body).results;
        assert.ok(suggestions.length > 0, 'suggestions');
        res = await visitor.get(`${suggestions[0].url}?sq=factu&sn=${suggestions.length}`);
        expectStatus(res, 200, 'the picked article');
        assert.notEqual(res.headers['cache-control'], 'public, no-cache', 'not the shared rendering');
        // Bad picks are shown the article all the same and record nothing.
        expectStatus(await visitor.get(`${suggestions[0].url}?sq=%20&sn=3`), 200, 'empty text');
        expectStatus(await visitor.get(`${suggestions[0].url}?sq=${'a'.repeat(600)}`), 200, 'too long');

        res = await a.get('/admin/kb/searches');
        assert.equal(stat(res.body, 'searches'), before.searches + 1, 'one search more');
        assert.equal(stat(res.body, 'with-click'), before.clicks + 1, 'with its click');
    });

    test('attachments: a PNG is stored and served with its type; a program is refused whatever its name', async () => {
        const a = await agent();
        const id = await createArticle({ title: `Capture ${uniqueWord('Image')}`, body: 'Voir la capture.' });
        await publish(id);
        let res = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.match(res.body, /enctype="multipart\/form-data"/, 'a plain upload form, no JavaScript needed');

        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'écran.png', type: 'image/png', bytes: PNG });
        expectStatus(res, 303, 'upload');
        assert.equal(res.location, `/admin/kb/articles/${id}?language=fr&done=attachment_added`);
        res = await a.get(res.location);
        const attachment = Number(/<li data-attachment-id="(\d+)">/.exec(res.body)?.[1]);
        assert.ok(attachment > 0, 'listed in the editor');
        assert.ok(res.body.includes(`![écran.png](attachment:${attachment})`), 'with the Markdown to paste');

        const file = await request(s.url, `/kb/fr/articles/${id}/attachments/${attachment}`);
        expectStatus(file, 200, 'public attachment');
        assert.match(file.headers['content-type'], /^image\/png/);
        assert.ok(file.bytes.equals(PNG), 'the same bytes');

        // A program named like an image, declared as one.
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'photo.png', type: 'image/png', bytes: EXE });
        expectStatus(res, 415, 'an executable is refused');
        assert.match(res.body, /ne peut pas être joint|cannot be attached/);
        assert.equal([...res.body.matchAll(/<li data-attachment-id="/g)].length, 1, 'nothing more stored');
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'page.html', type: 'text/plain', bytes: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>') });
        expectStatus(res, 415, 'HTML is refused');
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, null);
        expectStatus(res, 400, 'no file chosen');

        // The token is required in the multipart body too.
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, {}, { name: 'x.png', type: 'image/png', bytes: PNG });
        expectStatus(res, 403, 'upload without token');
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'x.png', type: 'image/png', bytes: PNG }, { origin: 'https://evil.example' });
        expectStatus(res, 403, 'upload from a foreign origin');

        // Files up to 5 MiB, above the server's 1 MiB limit for every other body.
        const MiB = 1024 * 1024;
        const big = Buffer.concat([PNG, Buffer.alloc(3 * MiB)]);
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'grand.png', type: 'image/png', bytes: big });
        expectStatus(res, 303, 'a 3 MiB upload');
        res = await a.get(res.location);
        const bigId = Number(/<li data-attachment-id="(\d+)">\s*<a[^>]*>grand\.png</.exec(res.body)?.[1]);
        assert.ok(bigId > 0, 'the large file is listed');
        const served = await request(s.url, `/kb/fr/articles/${id}/attachments/${bigId}`);
        expectStatus(served, 200, 'the large attachment');
        assert.ok(served.bytes.equals(big), 'the same 3 MiB');
        res = await postMultipart(a, `/admin/kb/articles/${id}/attachments?language=fr`, { csrf_token: a.csrf }, { name: 'trop.png', type: 'image/png', bytes: Buffer.concat([PNG, Buffer.alloc(5 * MiB)]) });
        expectStatus(res, 413, 'a file above 5 MiB (the body within the route\'s limit)');
        assert.match(res.body, /trop volumineux|too large/);
        // Refused from the announced length, before the body is sent (so sent raw:
        // a client still writing a body the server will not read may see EPIPE first).
        const announced = (target, bytes) =>
            rawRequest(s.port, `POST ${target} HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${bytes}\r\n\r\n`);
        let raw = await announced(`/admin/kb/articles/${id}/attachments`, 6 * MiB);
        assert.equal(raw.response?.status, 413, 'a body above the route\'s limit');
        // Other routes keep the server's limit.
        raw = await announced(`/admin/kb/articles/${id}/settings`, 2 * MiB);
        assert.equal(raw.response?.status, 413, 'a 2 MiB body to a form route');

        await a.get(`/admin/kb/articles/${id}?language=fr`);
        res = await a.post(`/admin/kb/articles/${id}/attachments/${attachment}/delete`, { language: 'fr' });
        expectStatus(res, 303, 'remove');
        expectStatus(await request(s.url, `/kb/fr/articles/${id}/attachments/${attachment}`), 404, 'removed');
    });

    test('every authoring form refuses a post without its CSRF token or from another site', async () => {
        const a = await agent();
        const word = uniqueWord('Jeton');
        const id = await createArticle({ title: `Jeton ${word}`, body: 'Texte.' });
        const { sectionId, categoryId } = await place();
        const forms = [
            ['/admin/kb/articles/new', { action: 'save', language: 'fr', title: `Pirate ${word}`, body: 'x', section_id: sectionId, visibility: 'public' }],
            [`/admin/kb/articles/${id}/save`, { action: 'save', language: 'fr', title: `Pirate ${word}`, body: 'x' }],
            [`/admin/kb/articles/${id}/settings`, { section_id: sectionId, visibility: 'internal' }],
            [`/admin/kb/articles/${id}/status`, { to: 'published' }],
            ['/admin/kb/categories', { kind: 'kb', name_en: `Pirate ${word}` }],
            [`/admin/kb/categories/${categoryId}/delete`, {}],
            [`/admin/kb/categories/${categoryId}/move`, { direction: 'up' }],
            ['/admin/kb/preview', { body: 'x' }],
        ];
        for (const [path, fields] of forms) {
            expectStatus(await a.post(path, fields, { csrf: false }), 403, `POST ${path} without token`);
            expectStatus(await a.post(path, fields, { origin: 'https://evil.example' }), 403, `POST ${path} from another site`);
        }
        const res = await a.get(`/admin/kb/articles/${id}?language=fr`);
        assert.match(res.body, /data-status="draft"/, 'nothing changed');
        assert.ok(!res.body.includes(`Pirate ${word}`));
    });

    test('the authoring pages speak French and English', async () => {
        const a = await agent();
        let res = await a.get('/admin/kb?lang=en');
        expectStatus(res, 200, 'English');
        assert.match(res.body, /<html lang="en">/);
        assert.match(res.body, /Knowledge base articles/);
        res = await a.get('/admin/kb/categories?lang=fr');
        assert.match(res.body, /<html lang="fr">/);
        assert.match(res.body, /Catégories et rubriques/);
        res = await a.get('/admin/kb/feedback');
        assert.match(res.body, /Avis des lecteurs/);
        res = await a.get('/admin');
        assert.ok(res.body.includes('href="/admin/kb"'), 'the administration links to the knowledge base');
    });
});
