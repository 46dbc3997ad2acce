// Cross-site request forgery, route by route. Every route that changes
// something is listed below with who may use it; for each, a visitor of that
// role with a VALID token still gets 403 when the form comes from a foreign
// page (Origin), and 403 without the token, and the database is exactly as
// before (every table, less the columns that move by themselves: a session's
// last activity, the outbox worker's bookkeeping). The list is checked
// against the sources: a POST route registered in src/ but missing here fails
// the first test, so a new form cannot skip this file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

import { forEachBackend, useServer, test, assert, REPO_ROOT } from './lib.mjs';
import { Client, signIn, enrolMfa, uniqueEmail, postMultipart } from './session-lib.mjs';

const CLIENT_PASSWORD = 'Demo-Client-2026!';
const LUCAS = 'lucas.bernard@boulangerie-martin.example'; // customer, Boulangerie Martin
const SOPHIE = 'sophie.martin@boulangerie-martin.example'; // org admin, Boulangerie Martin
const AGENT = ['camille.rousseau@lumiere.example', 'Demo-Agent-2026!'];
const ADMIN = ['admin@lumiere.example', 'Demo-Admin-2026!'];
const FOREIGN = 'https://evil.example';
const FAKE_TOKEN = 'ab'.repeat(32); // the shape of a link token; refused before it is looked at
const PASSWORD = 'a long and fresh passphrase 2026';

// A real 1×1 PNG.
const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082',
    'hex',
);

// Who may use a route, by the guard it is bound with in routes.cpp.
const ROLES_OF_BINDER = {
    public_form: ['anonymous', 'customer'],
    member_form: ['customer', 'orgAdmin', 'agent', 'admin'],
    staff_form: ['agent', 'admin'],
    admin_form: ['admin'],
    // Bound without the guard's CSRF check: the action checks it itself.
    public_page: ['anonymous', 'customer'], // the article vote
    staff_page: ['agent', 'admin'], // the attachment upload (the token is in the multipart body)
};

/**
 * Every state-changing route. `as`: the role that uses it here (allowed by
 * its binder). `path(ids)` and `fields(ids)`: a request that would change
 * something if it were let through. `multipart`: sent as a file upload.
 * `anonymousOriginOnly`: an anonymous visitor's form carries no token by
 * design (the page is cacheable), so only the foreign-origin case applies.
 */
const ROUTES = [
    // sign-in, sign-up, passwords (src/web/signin/routes.cpp)
    { pattern: '/sign-in', as: 'anonymous', fields: () => ({ email: LUCAS, password: CLIENT_PASSWORD }) },
    { pattern: '/sign-in/code', as: 'anonymous', fields: () => ({ code: '123456' }) },
    { pattern: '/sign-out', as: 'customer', fields: () => ({}) },
    {
        pattern: '/sign-up',
        as: 'anonymous',
        fields: () => ({ email: uniqueEmail('csrf'), name: 'Forged', organisation: 'Forged Ltd', password: PASSWORD, password_confirm: PASSWORD }),
    },
    { pattern: '/password/forgot', as: 'anonymous', fields: () => ({ email: LUCAS }) },
    { pattern: '/password/reset', as: 'anonymous', fields: () => ({ token: FAKE_TOKEN, password: PASSWORD, password_confirm: PASSWORD }) },
    // account (src/web/account/routes.cpp)
    { pattern: '/account', as: 'customer', fields: () => ({ display_name: 'Forged Name', language: 'en', phone: '+33 1 00 00 00 00' }) },
    {
        pattern: '/account/password',
        as: 'customer',
        fields: () => ({ current_password: CLIENT_PASSWORD, new_password: PASSWORD, new_password_confirm: PASSWORD }),
    },
    { pattern: '/account/email', as: 'customer', fields: () => ({ new_email: uniqueEmail('forged'), password: CLIENT_PASSWORD }) },
    { pattern: '/account/email/confirm', as: 'anonymous', fields: () => ({ token: FAKE_TOKEN }) },
    { pattern: '/account/sessions/revoke-others', as: 'customer', fields: () => ({}) },
    { pattern: '/account/sessions/{id}/revoke', as: 'customer', path: (ids) => `/account/sessions/${ids.otherSession}/revoke`, fields: () => ({}) },
    // two-step verification (src/web/mfa/routes.cpp)
    { pattern: '/account/mfa/setup', as: 'customer', fields: () => ({ password: CLIENT_PASSWORD }) },
    { pattern: '/account/mfa/confirm', as: 'customer', fields: () => ({ code: '123456' }) },
    { pattern: '/account/mfa/recovery-codes', as: 'agent', fields: () => ({ password: AGENT[1] }) },
    { pattern: '/account/mfa/disable', as: 'agent', fields: () => ({ password: AGENT[1] }) },
    // organisation (src/web/organisation/routes.cpp)
    {
        pattern: '/organisation/members/invite',
        as: 'orgAdmin',
        fields: () => ({ email: uniqueEmail('forged'), display_name: 'Forged', role: 'org_admin', visibility: 'organisation', language: 'en' }),
    },
    {
        pattern: '/organisation/members/{id}',
        as: 'orgAdmin',
        path: (ids) => `/organisation/members/${ids.lucas}`,
        fields: () => ({ role: 'org_admin', visibility: 'organisation', active: '0' }),
    },
    { pattern: '/organisation/settings', as: 'orgAdmin', fields: () => ({ require_mfa: '1' }) },
    {
        pattern: '/invitation',
        as: 'anonymous',
        fields: () => ({ token: FAKE_TOKEN, display_name: 'Forged', password: PASSWORD, password_confirm: PASSWORD }),
    },
    // administration (src/web/admin/routes.cpp)
    { pattern: '/admin/organisations', as: 'admin', fields: () => ({ name: 'Forged Organisation', slug: '', language: 'en' }) },
    {
        pattern: '/admin/organisations/{id}/invite',
        as: 'agent',
        path: (ids) => `/admin/organisations/${ids.martin}/invite`,
        fields: () => ({ email: uniqueEmail('forged'), display_name: 'Forged', role: 'org_admin', visibility: 'own', language: 'en' }),
    },
    { pattern: '/admin/organisations/{id}/settings', as: 'agent', path: (ids) => `/admin/organisations/${ids.martin}/settings`, fields: () => ({ require_mfa: '1' }) },
    { pattern: '/admin/organisations/{id}/rename', as: 'admin', path: (ids) => `/admin/organisations/${ids.martin}/rename`, fields: () => ({ name: 'Forged Bakery' }) },
    {
        pattern: '/admin/organisations/{id}/status',
        as: 'admin',
        path: (ids) => `/admin/organisations/${ids.martin}/status`,
        fields: () => ({ active: '0', confirm: '1' }),
    },
    {
        pattern: '/admin/organisations/{id}/members/{user_id}',
        as: 'agent',
        path: (ids) => `/admin/organisations/${ids.martin}/members/${ids.lucas}`,
        fields: () => ({ role: 'org_admin', active: '0' }),
    },
    { pattern: '/admin/users/{id}', as: 'admin', path: (ids) => `/admin/users/${ids.lucas}`, fields: () => ({ active: '0' }) },
    { pattern: '/admin/users/{id}/end-sessions', as: 'admin', path: (ids) => `/admin/users/${ids.lucas}/end-sessions`, fields: () => ({}) },
    {
        pattern: '/admin/agents',
        as: 'admin',
        fields: () => ({ email: uniqueEmail('forged'), display_name: 'Forged', role: 'admin', language: 'en' }),
    },
    // API keys and audit (src/web/api/routes.cpp)
    { pattern: '/admin/api-keys', as: 'admin', fields: () => ({ name: 'Forged key', scopes: ['users:read'] }) },
    { pattern: '/admin/api-keys/{id}/revoke', as: 'admin', path: (ids) => `/admin/api-keys/${ids.apiKey}/revoke`, fields: () => ({}) },
    { pattern: '/admin/audit/verify', as: 'admin', fields: () => ({}) },
    // knowledge base (src/web/kb/routes.cpp)
    {
        pattern: '/kb/{lang}/articles/{id}/vote',
        as: 'customer',
        alsoAnonymous: true,
        anonymousOriginOnly: true,
        path: (ids) => `/kb/${ids.publicLanguage}/articles/${ids.publicArticle}/vote`,
        fields: () => ({ helpful: 'no', comment: 'Forged comment' }),
    },
    // knowledge-base authoring (src/web/kb_admin/routes.cpp)
    { pattern: '/admin/kb/preview', as: 'agent', fields: () => ({ language: 'fr', body: '# Forged' }) },
    {
        pattern: '/admin/kb/articles/new',
        as: 'agent',
        fields: (ids) => ({ language: 'fr', title: 'Forged article', body: 'Forged.', section_id: String(ids.section), visibility: 'public', action: 'save' }),
    },
    {
        pattern: '/admin/kb/articles/{id}/save',
        as: 'agent',
        path: (ids) => `/admin/kb/articles/${ids.article}/save`,
        fields: () => ({ language: 'fr', title: 'Forged title', body: 'Forged body.', note: 'forged', action: 'save' }),
    },
    {
        pattern: '/admin/kb/articles/{id}/settings',
        as: 'agent',
        path: (ids) => `/admin/kb/articles/${ids.article}/settings`,
        fields: (ids) => ({ language: 'fr', section_id: String(ids.section), visibility: 'organisations', labels: 'forged' }),
    },
    { pattern: '/admin/kb/articles/{id}/status', as: 'agent', path: (ids) => `/admin/kb/articles/${ids.article}/status`, fields: () => ({ language: 'fr', to: 'archived' }) },
    { pattern: '/admin/kb/articles/{id}/move', as: 'agent', path: (ids) => `/admin/kb/articles/${ids.article}/move`, fields: () => ({ direction: 'down' }) },
    {
        pattern: '/admin/kb/articles/{id}/restore',
        as: 'agent',
        path: (ids) => `/admin/kb/articles/${ids.article}/restore`,
        fields: (ids) => ({ language: 'fr', revision: String(ids.revision) }),
    },
    {
        pattern: '/admin/kb/articles/{id}/attachments',
        as: 'agent',
        multipart: true,
        path: (ids) => `/admin/kb/articles/${ids.article}/attachments?language=fr`,
        fields: () => ({}),
    },
    {
        pattern: '/admin/kb/articles/{id}/attachments/{att}/delete',
        as: 'agent',
        path: (ids) => `/admin/kb/articles/${ids.article}/attachments/${ids.attachment}/delete`,
        fields: () => ({ language: 'fr' }),
    },
    {
        pattern: '/admin/kb/categories',
        as: 'agent',
        fields: () => ({ kind: 'kb', icon: 'wrench', name_en: 'Forged', name_fr: 'Forgé', description_en: '', description_fr: '' }),
    },
    {
        pattern: '/admin/kb/categories/{id}',
        as: 'agent',
        path: (ids) => `/admin/kb/categories/${ids.category}`,
        fields: () => ({ kind: 'faq', icon: 'wrench', name_en: 'Forged', name_fr: 'Forgé', description_en: '', description_fr: '' }),
    },
    { pattern: '/admin/kb/categories/{id}/delete', as: 'agent', path: (ids) => `/admin/kb/categories/${ids.emptyCategory}/delete`, fields: () => ({}) },
    { pattern: '/admin/kb/categories/{id}/move', as: 'agent', path: (ids) => `/admin/kb/categories/${ids.category}/move`, fields: () => ({ direction: 'down' }) },
    {
        pattern: '/admin/kb/categories/{id}/sections',
        as: 'agent',
        path: (ids) => `/admin/kb/categories/${ids.category}/sections`,
        fields: () => ({ name_en: 'Forged section', name_fr: 'Section forgée' }),
    },
    {
        pattern: '/admin/kb/sections/{id}',
        as: 'agent',
        path: (ids) => `/admin/kb/sections/${ids.section}`,
        fields: (ids) => ({ category_id: String(ids.category), name_en: 'Forged', name_fr: 'Forgé' }),
    },
    { pattern: '/admin/kb/sections/{id}/delete', as: 'agent', path: (ids) => `/admin/kb/sections/${ids.emptySection}/delete`, fields: () => ({}) },
    { pattern: '/admin/kb/sections/{id}/move', as: 'agent', path: (ids) => `/admin/kb/sections/${ids.section}/move`, fields: () => ({ direction: 'down' }) },
    { pattern: '/admin/kb/feedback/{id}/handled', as: 'agent', path: (ids) => `/admin/kb/feedback/${ids.feedback}/handled`, fields: () => ({ handled: '1' }) },
];

// ------------------------------------------------------------------ the routes the sources register

function sourceFiles(dir) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...sourceFiles(full));
        else if (entry.name.endsWith('.cpp') && !entry.name.endsWith('_test.cpp')) out.push(full);
    }
    return out;
}

// Registrations that only read: everything else must be in ROUTES.
const READ_ONLY = new Set(['get', 'get_cached', 'get_prefix']);

/** [{method, pattern, binder, where}] of every router.<verb>(…) call outside src/http (the router itself). */
function registeredRoutes() {
    const found = [];
    for (const file of sourceFiles(path.join(REPO_ROOT, 'src'))) {
        const where = path.relative(REPO_ROOT, file);
        if (where.startsWith(`src${path.sep}http${path.sep}`)) continue;
        const text = fs.readFileSync(file, 'utf8');
        // The arguments are looked at, not consumed: the next call may start within them.
        for (const m of text.matchAll(/\brouter\s*(?:\.|->)\s*(\w+)\s*\((?=([\s\S]{0,200}))/g)) {
            const [, verb, rest] = m;
            // router.add("POST", "/x", binder(…)) names its method; the others are named after it.
            const args = verb === 'add' ? /^\s*"(\w+)"\s*,\s*("[^"]*"|[^,]*)\s*,\s*(\w+)?/.exec(rest) : /^()\s*("[^"]*"|[^,]*)\s*,\s*(\w+)?/.exec(rest);
            const method = verb === 'add' ? args?.[1]?.toLowerCase() : verb;
            found.push({ method, pattern: args?.[2]?.trim(), binder: args?.[3], where });
        }
    }
    return found;
}

test('the list holds every state-changing route the sources register, each used by a role its guard admits', () => {
    const registered = registeredRoutes();
    assert.ok(registered.filter((r) => r.method === 'get').length > 20, 'the scan finds the GET routes too (a sanity check of the scan)');
    const changing = registered.filter((r) => !READ_ONLY.has(r.method));
    const listed = new Map(ROUTES.map((r) => [r.pattern, r]));
    assert.equal(listed.size, ROUTES.length, 'no route is listed twice');
    const missing = [];
    for (const r of changing) {
        assert.ok(r.pattern?.startsWith('"'), `${r.where}: router.${r.method} with a computed path (${r.pattern}): list it here by hand`);
        const pattern = JSON.parse(r.pattern);
        const entry = listed.get(pattern);
        if (!entry) {
            missing.push(`${r.method.toUpperCase()} ${pattern} (${r.where})`);
            continue;
        }
        assert.ok(r.binder in ROLES_OF_BINDER, `${pattern}: bound with ${r.binder}, which this test does not know`);
        assert.ok(ROLES_OF_BINDER[r.binder].includes(entry.as), `${pattern} (${r.binder}) is not for a ${entry.as}`);
    }
    assert.deepEqual(missing, [], 'routes registered in src/ but not listed in tests/integration/csrf.test.mjs');
    const stale = ROUTES.filter((r) => !changing.some((c) => c.pattern === JSON.stringify(r.pattern))).map((r) => r.pattern);
    assert.deepEqual(stale, [], 'listed routes that no longer exist');
});

// ------------------------------------------------------------------ what the database holds

// Columns that change with no request asking: the touch of a session in use
// and the outbox worker's delivery state (and the links it clears once sent).
const STABLE_SELECT = {
    sessions: 'SELECT id, token_hash, user_id, stage, csrf_token, user_agent, client_addr, created_at, expires_at FROM sessions',
    outbox: 'SELECT id, kind, recipient, language, template, created_at FROM outbox',
};

function run(cmd, args, input) {
    return execFileSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function tableNames(db) {
    if (db.kind === 'postgres') {
        return run('psql', [db.url, '-X', '-q', '-At', '-c', "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"])
            .split('\n')
            .filter(Boolean);
    }
    return run('sqlite3', ['-readonly', '-cmd', '.timeout 10000', db.file,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY 1"])
        .split('\n')
        .filter(Boolean);
}

/** {table: sha256 of its rows (sorted)}: equal fingerprints mean nothing was written. */
function fingerprint(db, tables) {
    const marker = '##table## ';
    const selects = tables.map((t) => STABLE_SELECT[t] ?? `SELECT * FROM "${t}"`);
    const script =
        db.kind === 'postgres'
            ? tables.map((t, i) => `\\echo '${marker}${t}'\nCOPY (${selects[i]}) TO STDOUT;`).join('\n')
            : tables.map((t, i) => `.print '${marker}${t}'\n${selects[i]};`).join('\n');
    const out =
        db.kind === 'postgres'
            ? run('psql', [db.url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'], script)
            : run('sqlite3', ['-readonly', '-cmd', '.timeout 10000', db.file], script);
    const result = {};
    for (const chunk of out.split(marker).slice(1)) {
        const newline = chunk.indexOf('\n');
        const table = chunk.slice(0, newline).replace(/'/g, '').trim();
        const rows = chunk.slice(newline + 1).split('\n').filter(Boolean).sort();
        result[table] = `${rows.length}:${crypto.createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
    }
    assert.deepEqual(Object.keys(result).sort(), [...tables].sort(), 'every table was read');
    return result;
}

function changedTables(before, after) {
    return Object.keys(before).filter((t) => before[t] !== after[t]);
}

// ------------------------------------------------------------------ requests

/** A multipart/form-data POST with one PNG, the way the attachment form sends it. */
function postUpload(client, target, { token, origin = client.base }) {
    return postMultipart(client, target, token ? { csrf_token: token } : {}, { name: 'forged.png', type: 'image/png', bytes: PNG }, { origin });
}

/** The route's request from `client`: with its valid token from `origin`, or with no token at all. */
function send(client, route, ids, { origin = client.base, token = true }) {
    const target = route.path ? route.path(ids) : route.pattern;
    if (route.multipart) return postUpload(client, target, { token: token ? client.csrf : null, origin });
    return client.post(target, route.fields(ids), { origin, csrf: token });
}

async function signedIn(url, email, password) {
    const client = new Client(url);
    const res = await signIn(client, email, password);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    return client;
}

function firstId(html, attribute, what) {
    const id = Number(new RegExp(`${attribute}="(\\d+)"`).exec(html)?.[1]);
    assert.ok(id > 0, `no ${what} found`);
    return id;
}

forEachBackend('CSRF on every state-changing route', (backend) => {
    const s = useServer(backend);

    test('a foreign page cannot post a form even with a valid token, nor anyone without the token; nothing changes', { timeout: 600_000 }, async () => {
        // ---- one visitor per role, each holding a valid token
        const clients = {};
        clients.anonymous = new Client(s.url);
        await clients.anonymous.get('/sign-in'); // the anonymous CSRF cookie and its token
        assert.ok(clients.anonymous.csrf && clients.anonymous.cookies.has('comptoir_csrf'), 'an anonymous token');
        clients.customer = await signedIn(s.url, LUCAS, CLIENT_PASSWORD);
        const lucasElsewhere = await signedIn(s.url, LUCAS, CLIENT_PASSWORD);
        clients.orgAdmin = await signedIn(s.url, SOPHIE, CLIENT_PASSWORD);
        clients.agent = await signedIn(s.url, ...AGENT);
        await enrolMfa(clients.agent);
        clients.admin = await signedIn(s.url, ...ADMIN);
        await enrolMfa(clients.admin);

        // ---- real targets, so that a request let through would change them
        const ids = {};
        let res = await clients.orgAdmin.get('/organisation/members');
        ids.lucas = Number(/data-member-id="(\d+)" data-member-email="lucas\.bernard@/.exec(res.body)?.[1]);
        assert.ok(ids.lucas > 0);
        res = await clients.admin.get('/admin/organisations?q=martin');
        ids.martin = firstId(res.body, 'data-organisation-id', 'organisation');
        res = await clients.customer.get('/account/sessions');
        ids.otherSession = Number(/<tr data-session-id="(\d+)">/.exec(res.body)?.[1]);
        assert.ok(ids.otherSession > 0, 'the other session of Lucas is listed');
        await clients.admin.get('/admin/api-keys');
        res = await clients.admin.post('/admin/api-keys', { name: 'CSRF target', scopes: ['users:read'] });
        assert.equal(res.status, 201, 'API key created');
        res = await clients.admin.get('/admin/api-keys');
        ids.apiKey = Number(/action="\/admin\/api-keys\/(\d+)\/revoke"/.exec(res.body)?.[1]);
        assert.ok(ids.apiKey > 0, 'an API key to revoke');

        const agent = clients.agent;
        res = await agent.get('/admin/kb');
        ids.article = firstId(res.body, 'data-article-id', 'article');
        res = await agent.get('/admin/kb/categories');
        ids.category = firstId(res.body, 'data-category-id', 'category');
        res = await agent.get(`/admin/kb/categories/${ids.category}`);
        ids.section = firstId(res.body, 'data-section-id', 'section');
        res = await agent.get(`/admin/kb/articles/${ids.article}/history`);
        ids.revision = firstId(res.body, 'data-revision-id', 'revision');
        await agent.get(`/admin/kb/articles/${ids.article}?language=fr`);
        res = await postUpload(agent, `/admin/kb/articles/${ids.article}/attachments?language=fr`, { token: agent.csrf });
        assert.equal(res.status, 303, `attachment uploaded: ${res.status}`);
        res = await agent.get(res.headers.location);
        ids.attachment = firstId(res.body, 'data-attachment-id', 'attachment');
        // Empty ones, which a delete would really remove.
        await agent.get('/admin/kb/categories');
        res = await agent.post('/admin/kb/categories', { kind: 'kb', icon: 'wrench', name_en: 'CSRF empty', name_fr: 'CSRF vide', description_en: '', description_fr: '' });
        ids.emptyCategory = Number(/^\/admin\/kb\/categories\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
        assert.ok(ids.emptyCategory > 0, `empty category: ${res.status}`);
        await agent.get(`/admin/kb/categories/${ids.emptyCategory}`);
        res = await agent.post(`/admin/kb/categories/${ids.emptyCategory}/sections`, { name_en: 'CSRF empty', name_fr: 'CSRF vide' });
        assert.equal(res.status, 303, `empty section: ${res.status}`);
        ids.emptySection = Number(/#section-(\d+)$/.exec(res.headers.location ?? '')?.[1]);
        assert.ok(ids.emptySection > 0, res.headers.location);
        // A published article seen by the customer, and a comment in the inbox.
        res = await clients.customer.get('/kb/fr');
        const published = /href="\/kb\/(\w+)\/articles\/(\d+)-/.exec(res.body);
        assert.ok(published, 'a published article is linked from the knowledge base');
        [ids.publicLanguage, ids.publicArticle] = [published[1], Number(published[2])];
        await clients.customer.get('/account'); // the session's token again
        res = await clients.customer.post(`/kb/${ids.publicLanguage}/articles/${ids.publicArticle}/vote`, { helpful: 'no', comment: 'CSRF target' });
        assert.equal(res.status, 303, `vote: ${res.status}`);
        res = await agent.get('/admin/kb/feedback');
        ids.feedback = firstId(res.body, 'data-feedback-id', 'feedback');

        // Each client's token is good: the same origin and token pass the check.
        const proveTokens = async (when) => {
            const checks = {
                anonymous: () => clients.anonymous.post('/password/forgot', { email: uniqueEmail('nobody') }),
                customer: () => clients.customer.post('/account/sessions/999999999/revoke', {}),
                orgAdmin: () => clients.orgAdmin.post(`/organisation/members/${ids.lucas}`, {}),
                agent: () => clients.agent.post('/admin/kb/preview', { language: 'fr', body: 'x' }),
                admin: () => clients.admin.post('/admin/audit/verify', {}),
            };
            for (const [role, check] of Object.entries(checks)) {
                const r = await check();
                assert.ok(r.status !== 403 && r.status !== 404 || (role === 'customer' && r.status === 404),
                    `${when}: the ${role}'s token and origin are accepted (got ${r.status})`);
                assert.ok(!(r.location ?? '').startsWith('/sign-in'), `${when}: the ${role} is signed in`);
            }
        };
        await proveTokens('before');

        // ---- the table
        const tables = tableNames(s.db);
        assert.ok(tables.includes('users') && tables.includes('kb_articles'), `tables found: ${tables}`);
        for (const route of ROUTES) {
            const roles = route.alsoAnonymous ? [route.as, 'anonymous'] : [route.as];
            for (const role of roles) {
                const client = clients[role];
                const what = `POST ${route.pattern} as ${role}`;
                const before = fingerprint(s.db, tables);
                let r = await send(client, route, ids, { origin: FOREIGN, token: true });
                assert.equal(r.status, 403, `${what}, valid token, Origin ${FOREIGN}`);
                if (!(role === 'anonymous' && route.anonymousOriginOnly)) {
                    r = await send(client, route, ids, { token: false });
                    assert.equal(r.status, 403, `${what}, same origin, no token`);
                }
                const after = fingerprint(s.db, tables);
                assert.deepEqual(changedTables(before, after), [], `${what}: nothing is written`);
            }
        }

        await proveTokens('after');
        assert.equal((await lucasElsewhere.get('/account')).status, 200, 'the other session of Lucas is alive');

        // The fingerprint does see a change: the same form from our own page goes through.
        const before = fingerprint(s.db, tables);
        await clients.admin.get(`/admin/organisations/${ids.martin}`);
        res = await clients.admin.post(`/admin/organisations/${ids.martin}/rename`, { name: 'Boulangerie Martin & Fils' });
        assert.equal(res.status, 303);
        const changed = changedTables(before, fingerprint(s.db, tables));
        assert.ok(changed.includes('organisations') && changed.includes('audit_log'), `changed: ${changed}`);
    });
});
