// Organisation administration through HTTP: an org admin of a demo
// organisation invites a contact (the mail is read from the real SMTP sink and
// its link followed), changes a member's visibility, requires two-step
// verification; a contact of ANOTHER organisation reaches none of it (404, or
// 403 without a valid token); staff (after enrolling MFA) invite contacts into
// any organisation; an admin ends every session of a user, renames an
// organisation, deactivates it (its members are signed out and cannot sign in)
// and reactivates it.
import { forEachBackend, useServer, test, assert } from './lib.mjs';
import { Client, signIn, waitForMail, uniqueEmail, enrolMfa } from './session-lib.mjs';

const CLIENT_PASSWORD = 'Demo-Client-2026!';
const ADMIN_PASSWORD = 'Demo-Admin-2026!';
const AGENT_PASSWORD = 'Demo-Agent-2026!';
const NEW_PASSWORD = 'a long and fresh passphrase 2026';
const SOPHIE = 'sophie.martin@boulangerie-martin.example'; // org admin, Boulangerie Martin
const LUCAS = 'lucas.bernard@boulangerie-martin.example'; // customer, Boulangerie Martin
const EMMA = 'emma.wilson@northwind-dental.example'; // org admin, Northwind Dental
const OLIVER = 'oliver.brown@northwind-dental.example'; // customer, Northwind Dental
const ADMIN = 'admin@lumiere.example';
const AGENT = 'camille.rousseau@lumiere.example';
const MAILDIR = process.env.COMPTOIR_TEST_MAILDIR;
const needsMail = MAILDIR ? {} : { skip: 'COMPTOIR_TEST_MAILDIR is not set (run under scripts/run-tests)' };

async function signedIn(url, email, password = CLIENT_PASSWORD) {
    const client = new Client(url);
    const res = await signIn(client, email, password);
    assert.equal(res.status, 303, `sign-in of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    return client;
}

/** A staff member signed in with MFA enrolled (staff pages need it). */
async function signedInStaff(url, email, password) {
    const client = await signedIn(url, email, password);
    await enrolMfa(client);
    return client;
}

/** {id, email, visibility} of each row of a member list. */
function memberRows(html) {
    return [...html.matchAll(/<tr data-member-id="(\d+)" data-member-email="([^"]+)" data-visibility="(\w+)">/g)].map(
        (m) => ({ id: Number(m[1]), email: m[2], visibility: m[3] }),
    );
}

function assertSignedOut(res, what) {
    assert.equal(res.status, 303, `${what}: expected a redirect to sign-in, got ${res.status}`);
    assert.match(res.location, /^\/sign-in/, what);
}

/** The page's error banner (what a refused form says), or null. */
function errorBanner(html) {
    return /<p class="banner banner--error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
}

/** An admin creates an organisation through the page; returns its id. */
async function createOrganisation(admin, name) {
    await admin.get('/admin/organisations');
    const res = await admin.post('/admin/organisations', { name, slug: '', language: 'en' });
    assert.equal(res.status, 303, res.body.slice(0, 500));
    const id = Number(/^\/admin\/organisations\/(\d+)\?done=created$/.exec(res.location)?.[1]);
    assert.ok(id > 0, res.location);
    return id;
}

/**
 * `inviter` sends the invite form of `listPath` (an organisation's member list:
 * /organisation/members or /admin/organisations/{id}); the invitee follows the
 * link of the e-mail, chooses a password and signs in. Returns {email, client}.
 */
async function inviteAndJoin(url, inviter, listPath, { role = 'customer', name = 'Nadia Nouvelle' } = {}) {
    const email = uniqueEmail('member');
    const after = Date.now();
    await inviter.get(listPath);
    // The invite form posts to <list>/invite in both places.
    let res = await inviter.post(`${listPath}/invite`, {
        email,
        display_name: name,
        role,
        visibility: 'own',
        language: 'en',
    });
    assert.equal(res.status, 303, `invitation of ${email}: ${res.status}\n${res.body.slice(0, 500)}`);
    assert.equal(res.location, `${listPath}?done=invited`);
    const mail = await waitForMail(MAILDIR, { to: email, after });
    const link = mail.links.find((l) => l.includes('/invitation?token='));
    assert.ok(link, `an invitation link in:\n${mail.text}`);
    const target = new URL(link);
    const invitee = new Client(url);
    res = await invitee.get(target.pathname + target.search);
    assert.equal(res.status, 200);
    res = await invitee.post('/invitation', {
        token: target.searchParams.get('token'),
        display_name: name,
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
    });
    assert.equal(res.status, 303, res.body.slice(0, 500));
    return { email, mail, client: await signedIn(url, email, NEW_PASSWORD) };
}

forEachBackend('organisation administration', (backend) => {
    const s = useServer(backend);
    // One session per staff account for the whole file: MFA is enrolled once,
    // and a second sign-in would need a code.
    const staffSessions = new Map();
    const staff = (email, password) => {
        if (!staffSessions.has(email)) staffSessions.set(email, signedInStaff(s.url, email, password));
        return staffSessions.get(email);
    };

    test('an org admin invites a contact, who accepts from the e-mail and signs in', needsMail, async () => {
        const sophie = await signedIn(s.url, SOPHIE);
        let res = await sophie.get('/organisation/members');
        assert.equal(res.status, 200);
        const before = memberRows(res.body);
        assert.ok(before.some((m) => m.email === LUCAS), 'Lucas is listed');
        assert.ok(!before.some((m) => m.email === EMMA), 'no member of another organisation is listed');

        const email = uniqueEmail('invitee');
        const after = Date.now();
        res = await sophie.post('/organisation/members/invite', {
            email,
            display_name: 'Inès Invitée',
            role: 'customer',
            visibility: 'own',
            language: 'fr',
            organisation_id: '999', // ignored
        });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.equal(res.location, '/organisation/members?done=invited');
        res = await sophie.get(res.location);
        assert.ok(memberRows(res.body).some((m) => m.email === email), 'the invitee is listed');
        assert.match(res.body, /Invited|Invité/);

        const mail = await waitForMail(MAILDIR, { to: email, after });
        assert.match(mail.text, /Boulangerie Martin/);
        const link = mail.links.find((l) => l.includes('/invitation?token='));
        assert.ok(link, `an invitation link in:\n${mail.text}`);
        const target = new URL(link);
        const path = target.pathname + target.search;

        const invitee = new Client(s.url);
        res = await invitee.get(path);
        assert.equal(res.status, 200);
        assert.match(res.body, new RegExp(email.replace(/[.]/g, '\\.')));
        assert.equal(res.headers['referrer-policy'], 'same-origin');
        const token = target.searchParams.get('token');

        res = await invitee.post('/invitation', {
            token,
            display_name: 'Inès Invitée',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD + 'x',
        });
        assert.equal(res.status, 400, 'a mismatched confirmation is refused');
        res = await invitee.post('/invitation', { token, display_name: 'Inès', password: 'short', password_confirm: 'short' });
        assert.equal(res.status, 400, 'a short password is refused');
        res = await invitee.post('/invitation', {
            token,
            display_name: 'Inès Invitée',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
        });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.match(res.location, /^\/sign-in/);

        // The link works once.
        res = await new Client(s.url).get(path);
        assert.equal(res.status, 404);

        const joined = new Client(s.url);
        res = await signIn(joined, email, NEW_PASSWORD);
        assert.equal(res.status, 303);
        assert.doesNotMatch(res.location, /^\/sign-in/);
        res = await joined.get('/account');
        assert.equal(res.status, 200);
        assert.match(res.body, /Inès Invitée/);
        // A plain contact manages nobody.
        res = await joined.get('/organisation/members');
        assert.equal(res.status, 404);
    });

    test('inviting an address that already has an account looks the same and adds nobody', async () => {
        const sophie = await signedIn(s.url, SOPHIE);
        await sophie.get('/organisation/members');
        const res = await sophie.post('/organisation/members/invite', {
            email: EMMA,
            display_name: 'Emma',
            role: 'org_admin',
            visibility: 'organisation',
            language: 'en',
        });
        assert.equal(res.status, 303);
        assert.equal(res.location, '/organisation/members?done=invited');
        const list = await sophie.get(res.location);
        assert.ok(!memberRows(list.body).some((m) => m.email === EMMA));
        // Emma still belongs to her organisation and signs in as before.
        const emma = await signedIn(s.url, EMMA);
        assert.ok(memberRows((await emma.get('/organisation/members')).body).some((m) => m.email === OLIVER));
    });

    test('an org admin changes the visibility of a member; staff roles cannot be given', async () => {
        const sophie = await signedIn(s.url, SOPHIE);
        let res = await sophie.get('/organisation/members');
        const lucas = memberRows(res.body).find((m) => m.email === LUCAS);
        assert.equal(lucas.visibility, 'own');

        res = await sophie.get(`/organisation/members/${lucas.id}`);
        assert.equal(res.status, 200);
        res = await sophie.post(`/organisation/members/${lucas.id}`, {
            visibility: 'organisation',
            organisation_id: '2', // ignored
        });
        assert.equal(res.status, 303);
        res = await sophie.get(res.location);
        assert.match(res.body, /updated|mis à jour/);
        assert.equal(memberRows(res.body).find((m) => m.email === LUCAS).visibility, 'organisation');

        await sophie.get(`/organisation/members/${lucas.id}`);
        res = await sophie.post(`/organisation/members/${lucas.id}`, { role: 'admin' });
        assert.equal(res.status, 400);
        res = await sophie.post(`/organisation/members/${lucas.id}`, { role: 'nonsense' });
        assert.equal(res.status, 400);

        await sophie.get(`/organisation/members/${lucas.id}`);
        res = await sophie.post(`/organisation/members/${lucas.id}`, { visibility: 'own' });
        assert.equal(res.status, 303);
        res = await sophie.get('/organisation/members');
        assert.equal(memberRows(res.body).find((m) => m.email === LUCAS).visibility, 'own');

        // Lucas is still a plain contact who can sign in.
        const lucasClient = await signedIn(s.url, LUCAS);
        assert.equal((await lucasClient.get('/organisation/members')).status, 404);
    });

    test('a contact of another organisation gets 404 on every route, 403 without a token', async () => {
        const sophie = await signedIn(s.url, SOPHIE);
        const theirs = memberRows((await sophie.get('/organisation/members')).body);
        const lucas = theirs.find((m) => m.email === LUCAS);
        const emma = await signedIn(s.url, EMMA);
        const oliver = await signedIn(s.url, OLIVER);
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        const martinId = Number(
            /<a href="\/admin\/organisations\/(\d+)">Boulangerie Martin<\/a>/.exec(
                (await admin.get('/admin/organisations?q=martin')).body,
            )?.[1],
        );
        assert.ok(martinId > 0, 'Boulangerie Martin is found');
        // Emma, an org admin of Northwind, names Martin in a form field: only Northwind is concerned.
        await emma.get('/organisation/members');
        const crossed = uniqueEmail('crossed');
        let res = await emma.post('/organisation/members/invite', {
            email: crossed, display_name: 'Crossed', role: 'org_admin', visibility: 'own', organisation_id: String(martinId),
        });
        assert.equal(res.status, 303);
        res = await emma.post('/organisation/settings', { organisation_id: String(martinId) }); // unticked: stays off
        assert.equal(res.status, 303);
        assert.ok(memberRows((await emma.get('/organisation/members')).body).some((m) => m.email === crossed));
        const martinPage = await sophie.get('/organisation/members');
        assert.ok(!memberRows(martinPage.body).some((m) => m.email === crossed), 'nobody joins Martin');
        assert.doesNotMatch(martinPage.body, /id="require-mfa"[^>]*checked/, 'Martin requires no MFA');

        for (const client of [emma, oliver]) {
            for (const m of theirs) {
                const res = await client.get(`/organisation/members/${m.id}`);
                assert.equal(res.status, 404, `GET /organisation/members/${m.id}`);
                assert.ok(!res.body.includes(m.email), 'no data of the other organisation');
            }
            const pages = ['/admin', '/admin/organisations', '/admin/organisations?q=martin', '/admin/users',
                '/admin/users?q=lucas', `/admin/users/${lucas.id}`];
            for (const org of [1, 2, 3]) {
                pages.push(`/admin/organisations/${org}`, `/admin/organisations/${org}/members/${lucas.id}`);
            }
            for (const path of pages) {
                const res = await client.get(path);
                assert.equal(res.status, 404, `GET ${path}`);
                assert.ok(!res.body.includes(LUCAS), `${path} shows no data`);
            }
            await client.get('/account'); // a page with the session's CSRF token
            // The organisation pages act on the visitor's own organisation: a
            // plain contact has none to manage (404); an org admin of another
            // organisation reaches only theirs (checked below).
            const ownOrganisationPosts = [
                ['/organisation/members/invite', {
                    email: uniqueEmail('crossed'), display_name: 'X', role: 'org_admin', visibility: 'organisation',
                    organisation_id: String(martinId), // ignored
                }],
                ['/organisation/settings', { require_mfa: '1', organisation_id: String(martinId) }],
            ];
            for (const [path, fields] of ownOrganisationPosts) {
                if (client === oliver) {
                    const res = await client.post(path, fields);
                    assert.equal(res.status, 404, `POST ${path} by a plain contact`);
                }
                let res = await client.post(path, fields, { csrf: false });
                assert.equal(res.status, 403, `POST ${path} without a token`);
                res = await client.post(path, { ...fields, csrf_token: 'f'.repeat(64) });
                assert.equal(res.status, 403, `POST ${path} with a wrong token`);
            }
            const posts = [
                [`/organisation/members/${lucas.id}`, { role: 'org_admin', active: '0', visibility: 'organisation' }],
                ['/admin/organisations', { name: 'Intruders Ltd', language: 'en' }],
                [`/admin/organisations/1/invite`, { email: uniqueEmail('intruder'), display_name: 'X', role: 'org_admin' }],
                [`/admin/organisations/1/settings`, { require_mfa: '1' }],
                [`/admin/organisations/1/members/${lucas.id}`, { active: '0' }],
                [`/admin/users/${lucas.id}`, { active: '0' }],
                [`/admin/users/${lucas.id}/end-sessions`, {}],
                ['/admin/agents', { email: uniqueEmail('agent'), display_name: 'X', role: 'admin', language: 'en' }],
            ];
            for (const [path, fields] of posts) {
                let res = await client.post(path, fields);
                assert.equal(res.status, 404, `POST ${path} with a valid token`);
                res = await client.post(path, fields, { csrf: false });
                assert.equal(res.status, 403, `POST ${path} without a token`);
                res = await client.post(path, { ...fields, csrf_token: 'f'.repeat(64) });
                assert.equal(res.status, 403, `POST ${path} with a wrong token`);
            }
        }
        // Emma's own organisation still works for her; Lucas was not touched,
        // nor Martin's members and setting.
        assert.equal((await emma.get('/organisation/members')).status, 200);
        const martinAfter = await sophie.get('/organisation/members');
        const after = memberRows(martinAfter.body).find((m) => m.email === LUCAS);
        assert.equal(after.visibility, lucas.visibility);
        assert.deepEqual(memberRows(martinAfter.body).map((m) => m.email).sort(), theirs.map((m) => m.email).sort());
        assert.doesNotMatch(martinAfter.body, /id="require-mfa"[^>]*checked/);
        const lucasClient = await signedIn(s.url, LUCAS);
        assert.equal((await lucasClient.get('/account')).status, 200);
    });

    test('an admin ends all sessions of a user; their next request is signed out', async () => {
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        let res = await admin.get('/admin');
        assert.equal(res.status, 200);
        assert.match(res.body, /href="\/admin\/audit"/);
        assert.match(res.body, /href="\/admin\/api-keys"/);

        res = await admin.get('/admin/users?q=lucas.bernard');
        assert.equal(res.status, 200);
        const id = Number(/<tr data-user-id="(\d+)">/.exec(res.body)?.[1]);
        assert.ok(id > 0, 'Lucas is found');

        const lucas1 = await signedIn(s.url, LUCAS);
        const lucas2 = await signedIn(s.url, LUCAS);
        assert.equal((await lucas1.get('/account')).status, 200);

        res = await admin.get(`/admin/users/${id}`);
        assert.equal(res.status, 200);
        assert.match(res.body, /Boulangerie Martin/);
        res = await admin.post(`/admin/users/${id}/end-sessions`, {});
        assert.equal(res.status, 303);
        assert.equal(res.location, `/admin/users/${id}?done=sessions_ended`);

        assertSignedOut(await lucas1.get('/account'), 'first session of Lucas');
        assertSignedOut(await lucas2.get('/account'), 'second session of Lucas');
        // He can sign in again; the admin is still signed in.
        assert.equal((await (await signedIn(s.url, LUCAS)).get('/account')).status, 200);
        assert.equal((await admin.get('/admin/users')).status, 200);

        // Organisations: search, create, open.
        res = await admin.get('/admin/organisations?q=martin');
        assert.match(res.body, /Boulangerie Martin/);
        assert.doesNotMatch(res.body, /Northwind/);
        await admin.get('/admin/organisations');
        const name = `Atelier ${Date.now()}`;
        res = await admin.post('/admin/organisations', { name, slug: '', language: 'fr' });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.match(res.location, /^\/admin\/organisations\/\d+\?done=created$/);
        res = await admin.get(res.location);
        assert.equal(res.status, 200);
        assert.ok(res.body.includes(name));
        res = await admin.post('/admin/organisations', { name, slug: 'Not a slug!', language: 'fr' });
        assert.equal(res.status, 400);
        assert.ok(res.body.includes(name), 'the name typed is kept');
    });

    test('an agent reads the admin pages but cannot change accounts', async () => {
        const agent = await staff(AGENT, AGENT_PASSWORD);
        let res = await agent.get('/admin/users?role=org_admin');
        assert.equal(res.status, 200);
        assert.match(res.body, /Sophie Martin/);
        assert.doesNotMatch(res.body, /Lucas Bernard/);
        const id = Number(/<tr data-user-id="(\d+)">/.exec(res.body)?.[1]);
        res = await agent.get(`/admin/users/${id}`);
        assert.equal(res.status, 200);
        assert.doesNotMatch(res.body, /end-sessions/, 'no admin form for an agent');
        for (const [path, fields] of [
            [`/admin/users/${id}`, { active: '0' }],
            [`/admin/users/${id}/end-sessions`, {}],
            ['/admin/agents', { email: uniqueEmail('agent'), display_name: 'X', role: 'admin', language: 'en' }],
            ['/admin/organisations', { name: 'Agent Org', language: 'en' }],
        ]) {
            res = await agent.post(path, fields);
            assert.equal(res.status, 404, `POST ${path}`);
        }
        const sophie = await signedIn(s.url, SOPHIE);
        assert.equal((await sophie.get('/account')).status, 200, 'Sophie is still active');
    });
    test('an admin renames an organisation; a bad name is refused with the reason, and nobody else may rename', async () => {
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        const stamp = Date.now();
        const id = await createOrganisation(admin, `Atelier Nom ${stamp}`);
        const page = `/admin/organisations/${id}`;
        let res = await admin.get(page);
        assert.equal(res.status, 200);
        assert.ok(res.body.includes(`action="${page}/rename"`), 'admins see the rename form');
        const slug = /<code>([a-z0-9-]+)<\/code>/.exec(res.body)?.[1];
        assert.ok(slug, 'the short name is shown');

        for (const [name, why] of [
            ['', 'an empty name'],
            [' \t ', 'a blank name'],
            ['x'.repeat(151), 'a name over 150 characters'],
            ['Bad\u0007Name', 'a control character'],
        ]) {
            res = await admin.post(`${page}/rename`, { name });
            assert.equal(res.status, 400, why);
            assert.match(res.body, /id="rename-error">[^<]*150 (characters|caractères)/, `${why}: the reason is shown by the field`);
            assert.match(errorBanner(res.body) ?? '', /150 (characters|caractères)/, `${why}: and at the top`);
        }
        assert.ok(res.body.includes('Bad\u0007Name') || res.body.includes('Bad&#7;Name') || res.body.includes('value="Bad'),
            'the name typed is kept');
        res = await admin.get(page);
        assert.ok(res.body.includes(`Atelier Nom ${stamp}`), 'refused names changed nothing');

        // 150 characters count as 150 even when they take twice as many bytes.
        const accented = 'é'.repeat(150);
        res = await admin.post(`${page}/rename`, { name: accented });
        assert.equal(res.status, 303, 'a 150-character accented name is accepted');

        const newName = `Atelier Renommé ${stamp}`;
        res = await admin.post(`${page}/rename`, { name: `  ${newName} ` });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.equal(res.location, `${page}?done=renamed`);
        res = await admin.get(res.location);
        assert.match(res.body, new RegExp(`<h1 id="members-title">[^<]*${newName}</h1>`));
        assert.match(res.body, /renamed|renommée/);
        assert.ok(res.body.includes(`<code>${slug}</code>`), 'the short name stays');
        res = await admin.get(`/admin/organisations?q=${encodeURIComponent(stamp)}`);
        assert.ok(res.body.includes(newName), 'the list shows the new name');

        // Agents, org admins and CSRF failures change nothing.
        const agent = await staff(AGENT, AGENT_PASSWORD);
        res = await agent.get(page);
        assert.equal(res.status, 200);
        assert.ok(!res.body.includes(`${page}/rename`), 'no rename form for an agent');
        res = await agent.post(`${page}/rename`, { name: 'Agent Name' });
        assert.equal(res.status, 404, 'an agent');
        const sophie = await signedIn(s.url, SOPHIE);
        await sophie.get('/account');
        res = await sophie.post(`${page}/rename`, { name: 'Sophie Name' });
        assert.equal(res.status, 404, 'an org admin');
        res = await admin.post(`${page}/rename`, { name: 'No Token' }, { csrf: false });
        assert.equal(res.status, 403, 'without a token');
        res = await admin.post(`${page}/rename`, { name: 'Foreign' }, { origin: 'https://evil.example' });
        assert.equal(res.status, 403, 'from a foreign origin');
        res = await admin.get(page);
        assert.ok(res.body.includes(newName));
        for (const name of ['Agent Name', 'Sophie Name', 'No Token', 'Foreign']) assert.ok(!res.body.includes(name), name);
    });

    test('an admin deactivates an organisation after confirming: its members are signed out and cannot sign in until it is reactivated', needsMail, async () => {
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        const name = `Atelier Fermé ${Date.now()}`;
        const id = await createOrganisation(admin, name);
        const page = `/admin/organisations/${id}`;
        const first = await inviteAndJoin(s.url, admin, page, { role: 'org_admin', name: 'Odile Orgadmin' });
        const second = await inviteAndJoin(s.url, admin, page, { name: 'Claude Contact' });
        const secondAgain = await signedIn(s.url, second.email, NEW_PASSWORD);
        const lucas = await signedIn(s.url, LUCAS);
        for (const c of [first.client, second.client, secondAgain, lucas]) assert.equal((await c.get('/account')).status, 200);

        // The organisation's page leads to a confirmation page; that page changes nothing by itself.
        let res = await admin.get(page);
        assert.ok(res.body.includes(`href="${page}/status"`), 'a link to deactivate');
        res = await admin.get(`${page}/status`);
        assert.equal(res.status, 200);
        assert.ok(res.body.includes(name), 'the confirmation names the organisation');
        assert.match(res.body, /name="confirm" type="checkbox"/);
        assert.match(res.body, /name="active" value="0"/);
        assert.equal((await first.client.get('/account')).status, 200, 'still signed in after the confirmation page');

        // Without the box ticked, or with a value that means nothing: asked again, nothing happens.
        res = await admin.post(`${page}/status`, { active: '0' });
        assert.equal(res.status, 400);
        assert.match(res.body, /id="confirm-error"/);
        res = await admin.post(`${page}/status`, { active: 'maybe', confirm: '1' });
        assert.equal(res.status, 400);
        // Nobody but an admin, and never without the token.
        const agent = await staff(AGENT, AGENT_PASSWORD);
        assert.equal((await agent.get(`${page}/status`)).status, 404, 'the page does not exist for an agent');
        assert.equal((await agent.post(`${page}/status`, { active: '0', confirm: '1' })).status, 404);
        assert.equal((await first.client.post(`${page}/status`, { active: '0', confirm: '1' })).status, 404,
            'nor for the organisation\'s own admin');
        assert.equal((await admin.post(`${page}/status`, { active: '0', confirm: '1' }, { csrf: false })).status, 403);
        assert.equal((await second.client.get('/account')).status, 200, 'nothing happened so far');

        res = await admin.post(`${page}/status`, { active: '0', confirm: '1' });
        assert.equal(res.status, 303, res.body.slice(0, 500));
        assert.equal(res.location, `${page}?done=deactivated`);
        res = await admin.get(res.location);
        assert.match(res.body, /data-organisation-status>(Deactivated|Désactivée?)</);
        assert.ok(!res.body.includes(`action="${page}/invite"`), 'no invite form for a deactivated organisation');
        assert.ok(res.body.includes(`href="${page}/status"`), 'a link to reactivate');
        res = await admin.get(`/admin/organisations?q=${encodeURIComponent(name)}`);
        assert.match(res.body, /<td>(Deactivated|Désactivée?)<\/td>/);

        // Every member is signed out at their next request; other organisations are not concerned.
        assertSignedOut(await first.client.get('/organisation/members'), 'the org admin');
        assertSignedOut(await second.client.get('/account'), 'the contact');
        assertSignedOut(await secondAgain.get('/account'), 'the contact\'s other session');
        assert.equal((await lucas.get('/account')).status, 200, 'a member of another organisation');

        // Sign-in is refused with the very answer a wrong password gets: nothing tells the organisation is off.
        const answer = async (email, password) => {
            const c = new Client(s.url);
            await c.get('/sign-in');
            const r = await c.post('/sign-in', { email, password });
            return { status: r.status, banner: errorBanner(r.body), cookie: c.cookies.has('comptoir_session') };
        };
        const refused = await answer(second.email, NEW_PASSWORD);
        const wrong = await answer(second.email, NEW_PASSWORD + 'x');
        const unknown = await answer(uniqueEmail('nobody'), NEW_PASSWORD);
        assert.notEqual(refused.status, 303, 'no session for a member of a deactivated organisation');
        assert.equal(refused.cookie, false);
        assert.ok(refused.banner, 'an error is shown');
        assert.deepEqual(refused, wrong);
        assert.deepEqual(refused, unknown);

        // No invitation into a deactivated organisation.
        const late = uniqueEmail('late');
        res = await admin.post(`${page}/invite`, { email: late, display_name: 'Late', role: 'customer', visibility: 'own', language: 'en' });
        assert.equal(res.status, 400);
        assert.match(errorBanner(res.body) ?? '', /deactivated|désactivée/);
        res = await admin.get(`/admin/users?q=${encodeURIComponent(late)}`);
        assert.doesNotMatch(res.body, /<tr data-user-id="/, 'no account was made');

        // Reactivation, confirmed the same way: new sign-ins work, old sessions stay ended.
        res = await admin.get(`${page}/status`);
        assert.match(res.body, /name="active" value="1"/);
        res = await admin.post(`${page}/status`, { active: '1' });
        assert.equal(res.status, 400, 'reactivation is confirmed too');
        res = await admin.post(`${page}/status`, { active: '1', confirm: '1' });
        assert.equal(res.status, 303);
        assert.equal(res.location, `${page}?done=reactivated`);
        res = await admin.get(res.location);
        assert.match(res.body, /data-organisation-status>(Active|Actif|Active?)</);
        assertSignedOut(await secondAgain.get('/account'), 'an old session does not come back');
        const back = await signedIn(s.url, second.email, NEW_PASSWORD);
        assert.equal((await back.get('/account')).status, 200);
        const firstBack = await signedIn(s.url, first.email, NEW_PASSWORD);
        res = await firstBack.get('/organisation/members');
        assert.equal(res.status, 200);
        assert.ok(memberRows(res.body).some((m) => m.email === second.email));
    });

    test('an org admin requires two-step verification: a contact is sent to set it up and cannot turn it off', needsMail, async () => {
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        const id = await createOrganisation(admin, `Atelier Sûr ${Date.now()}`);
        const orgAdmin = await inviteAndJoin(s.url, admin, `/admin/organisations/${id}`, { role: 'org_admin', name: 'Astrid Admin' });
        // The org admin invites their colleague from their own page.
        const contact = await inviteAndJoin(s.url, orgAdmin.client, '/organisation/members', { name: 'Colin Contact' });
        const oliver = await signedIn(s.url, OLIVER);
        const requiresMfa = async () => /id="require-mfa"[^>]*checked/.test((await admin.get(`/admin/organisations/${id}`)).body);

        let res = await orgAdmin.client.get('/organisation/members');
        assert.equal(res.status, 200);
        assert.ok(res.body.includes('action="/organisation/settings"'));
        // CSRF first: no token, a wrong one or a foreign page change nothing.
        res = await orgAdmin.client.post('/organisation/settings', { require_mfa: '1' }, { csrf: false });
        assert.equal(res.status, 403, 'without a token');
        res = await orgAdmin.client.post('/organisation/settings', { require_mfa: '1', csrf_token: 'a'.repeat(64) });
        assert.equal(res.status, 403, 'with a wrong token');
        res = await orgAdmin.client.post('/organisation/settings', { require_mfa: '1' }, { origin: 'https://evil.example' });
        assert.equal(res.status, 403, 'from a foreign origin');
        assert.equal(await requiresMfa(), false);
        // Neither a plain contact of the organisation nor one of another organisation may change it.
        for (const [who, client] of [['a plain contact', contact.client], ['a contact of another organisation', oliver]]) {
            await client.get('/account');
            res = await client.post('/organisation/settings', { require_mfa: '1' });
            assert.equal(res.status, 404, `POST by ${who}`);
            // There is no page to GET at that address, for anyone: the same answer for all.
            const got = await client.get('/organisation/settings');
            assert.equal(got.status, (await orgAdmin.client.get('/organisation/settings')).status, `GET by ${who}`);
            assert.notEqual(got.status, 200);
        }
        assert.equal(await requiresMfa(), false);

        await orgAdmin.client.get('/organisation/members');
        res = await orgAdmin.client.post('/organisation/settings', { require_mfa: '1' });
        assert.equal(res.status, 303);
        assert.equal(res.location, '/organisation/members?done=settings_saved');
        assert.equal(await requiresMfa(), true);
        // The org admin is a contact of the organisation too: set it up first.
        res = await orgAdmin.client.get(res.location);
        assert.equal(res.status, 303);
        assert.equal(res.location, '/account/mfa');

        // The contact, signed in before the change, is sent to set it up at their next member page.
        for (const path of ['/account', '/account/security', '/organisation/members']) {
            res = await contact.client.get(path);
            assert.equal(res.status, 303, path);
            assert.equal(res.location, '/account/mfa', path);
        }
        res = await contact.client.get('/account/mfa');
        assert.equal(res.status, 200);
        await enrolMfa(contact.client);
        assert.equal((await contact.client.get('/account')).status, 200, 'enrolled: the pages open');
        res = await contact.client.get('/account/mfa');
        assert.ok(!res.body.includes('action="/account/mfa/disable"'), 'no form to turn it off');
        res = await contact.client.post('/account/mfa/disable', { password: NEW_PASSWORD });
        assert.notEqual(res.status, 303, 'turning it off is refused');
        assert.match(errorBanner(res.body) ?? '', /mandatory|obligatoire/);
        // Still on: a new sign-in asks for a code.
        const again = new Client(s.url);
        await again.get('/sign-in');
        res = await again.post('/sign-in', { email: contact.email, password: NEW_PASSWORD });
        assert.equal(res.status, 303);
        assert.match(res.location, /^\/sign-in\/code/);
    });

    test('an agent invites a contact into an organisation: the mail arrives and they join it; an existing address looks the same and joins nobody', needsMail, async () => {
        const admin = await staff(ADMIN, ADMIN_PASSWORD);
        const agent = await staff(AGENT, AGENT_PASSWORD);
        const name = `Atelier Invité ${Date.now()}`;
        const id = await createOrganisation(admin, name);
        const page = `/admin/organisations/${id}`;

        const joined = await inviteAndJoin(s.url, agent, page, { name: 'Iris Invitée' });
        assert.match(joined.mail.text, new RegExp(name));
        assert.match(joined.mail.text, /Camille Rousseau/, 'the mail names the agent who invited');
        let res = await agent.get(page);
        const rows = memberRows(res.body);
        assert.deepEqual(rows.map((m) => m.email), [joined.email], 'the invitee is the organisation\'s member');
        res = await agent.get(`/admin/users?q=${encodeURIComponent(joined.email)}`);
        const userId = Number(/<tr data-user-id="(\d+)">/.exec(res.body)?.[1]);
        res = await agent.get(`/admin/users/${userId}`);
        assert.ok(res.body.includes(`href="/admin/organisations/${id}"`), 'their account belongs to that organisation');
        // As an org's contact they manage nothing, and see their account.
        assert.equal((await joined.client.get('/organisation/members')).status, 404);
        assert.equal((await joined.client.get('/account')).status, 200);

        // An address that already has an account (Lucas, of Boulangerie Martin) and a fresh one: the same answer.
        const invite = async (email) => {
            await agent.get(page);
            const r = await agent.post(`${page}/invite`, { email, display_name: 'Someone', role: 'org_admin', visibility: 'organisation', language: 'en' });
            return { status: r.status, location: r.location, body: r.body };
        };
        const existing = await invite(LUCAS.toUpperCase());
        const fresh = await invite(uniqueEmail('fresh'));
        assert.equal(existing.status, 303);
        assert.deepEqual(existing, fresh);
        res = await agent.get(page);
        const after = memberRows(res.body).map((m) => m.email);
        assert.ok(!after.includes(LUCAS), 'Lucas does not join');
        assert.equal(after.length, 2, 'only the fresh address was added');
        res = await agent.get(`/admin/users?q=${encodeURIComponent(LUCAS)}`);
        assert.equal([...res.body.matchAll(/<tr data-user-id="/g)].length, 1, 'no second account for Lucas');
        assert.match(res.body, /Boulangerie Martin/, 'Lucas stays in his organisation');
        const lucas = await signedIn(s.url, LUCAS);
        assert.equal((await lucas.get('/account')).status, 200, 'and signs in as before');
    });
});
