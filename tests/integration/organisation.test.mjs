// Organisation administration through HTTP: an org admin of a demo
// organisation invites a contact (the mail is read from the real SMTP sink and
// its link followed), changes a member's visibility; a contact of ANOTHER
// organisation reaches none of it (404, or 403 without a valid token); an
// admin (after enrolling MFA) ends every session of a user.
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

forEachBackend('organisation administration', (backend) => {
    const s = useServer(backend);

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
        assert.equal(res.headers['referrer-policy'], 'no-referrer');
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
        // Emma's own organisation still works for her; Lucas was not touched.
        assert.equal((await emma.get('/organisation/members')).status, 200);
        const after = memberRows((await sophie.get('/organisation/members')).body).find((m) => m.email === LUCAS);
        assert.equal(after.visibility, lucas.visibility);
        const lucasClient = await signedIn(s.url, LUCAS);
        assert.equal((await lucasClient.get('/account')).status, 200);
    });

    test('an admin ends all sessions of a user; their next request is signed out', async () => {
        const admin = await signedInStaff(s.url, 'admin@lumiere.example', ADMIN_PASSWORD);
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
        const agent = await signedInStaff(s.url, 'camille.rousseau@lumiere.example', AGENT_PASSWORD);
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
});
