// Several nodes, one database: two `comptoir serve` processes on the same
// PostgreSQL database must be interchangeable behind a load balancer. They
// share nothing but that database, so any byte a page owes to the node that
// rendered it (a per-process fingerprint, a start-up timestamp, a random
// seed) would break a user whose requests alternate between nodes.
// PostgreSQL only: SQLite is a single-node database by design.
// (nginx in front of three nodes is exercised by deploy/rig.sh --check.)
import {
    after,
    assert,
    assertCleanExit,
    assertSuccess,
    backends,
    before,
    describe,
    get,
    runCli,
    seededDatabase,
    startServer,
    stylesheetUrl,
    test,
} from './lib.mjs';

const TITLE = 'several nodes on one database';
const postgres = backends().find((b) => b.name === 'postgres');

// The same rule as forEachBackend: without PostgreSQL this file has nothing to
// test, which is only acceptable when PostgreSQL is not required.
if (!postgres) {
    if (process.env.COMPTOIR_TEST_REQUIRE_PG === '1') {
        test(`${TITLE} [postgres]`, () => assert.fail('COMPTOIR_TEST_REQUIRE_PG=1 but COMPTOIR_TEST_PG_URL is not set'));
    } else {
        test(`${TITLE} [postgres]`, { skip: 'COMPTOIR_TEST_PG_URL is not set' }, () => {});
    }
} else {
    describe(`${TITLE} [postgres]`, () => {
        let db;
        let nodes = [];

        before(async () => {
            ({ db } = await seededDatabase(postgres));
            // Started together, as a deployment would: neither waits for the other.
            nodes = await Promise.all([startServer({ db }), startServer({ db })]);
        }, { timeout: 120_000 });

        after(async () => {
            // A node a failed test left running is stopped; its exit status is not the point here.
            await Promise.all(nodes.map((node) => node.stop()));
            await db?.drop();
        }, { timeout: 30_000 });

        // The Host header is the one request-specific input of a page: without
        // server.public_url the canonical and hreflang links are built from it,
        // so both nodes get the same one, as they would behind a proxy that
        // forwards the client's Host.
        const sameRequest = { Host: 'portal.example.test', 'Accept-Language': 'en' };

        test('both nodes are up and ready on the shared database', async () => {
            assert.notEqual(nodes[0].port, nodes[1].port);
            for (const [i, node] of nodes.entries()) {
                assert.equal((await get(node.url, '/healthz')).status, 200, `node ${i + 1} /healthz`);
                const ready = await get(node.url, '/readyz');
                assert.equal(ready.status, 200, `node ${i + 1} /readyz: ${ready.body}`);
            }
        });

        test('both nodes render the same home page, byte for byte, in every language', async () => {
            for (const language of ['en', 'fr']) {
                const headers = { ...sameRequest, 'Accept-Language': language };
                const [a, b] = await Promise.all(nodes.map((node) => get(node.url, '/', headers)));
                assert.equal(a.status, 200, `node 1 / (${language})`);
                assert.equal(b.status, 200, `node 2 / (${language})`);
                assert.equal(a.headers['content-language'], language);
                assert.ok(a.bytes.length > 0);
                // Whole documents compared, nothing removed first: a difference is a finding.
                assert.equal(b.body, a.body, `the ${language} home page differs between the nodes`);
                assert.ok(a.bytes.equals(b.bytes), `the ${language} home page bytes differ between the nodes`);
                // Headers too, except the two that are per response by nature.
                const { date: _d1, 'x-request-id': id1, ...restA } = a.headers;
                const { date: _d2, 'x-request-id': id2, ...restB } = b.headers;
                assert.deepEqual(restB, restA, `the ${language} home page headers differ between the nodes`);
                assert.notEqual(id1, id2, 'request ids are not shared between nodes');
            }
        });

        test("a page from one node links a stylesheet the other node serves identically", async () => {
            // Fingerprints are computed by each node at start-up; if they
            // differed, a page from node 1 would name a file node 2 answers 404.
            const page = await get(nodes[0].url, '/', sameRequest);
            const css = stylesheetUrl(page.body);
            assert.ok(css, 'the home page links a fingerprinted stylesheet');
            const [a, b] = await Promise.all(nodes.map((node) => get(node.url, css)));
            assert.equal(a.status, 200, `node 1 ${css}`);
            assert.equal(b.status, 200, `node 2 ${css}`);
            assert.ok(a.bytes.equals(b.bytes), 'the stylesheet bytes are the same on both nodes');
            assert.ok(a.headers.etag, 'the stylesheet has an ETag');
            assert.equal(b.headers.etag, a.headers.etag, 'the ETag is the same on both nodes');
            // A browser revalidating with node 1's ETag against node 2 gets 304, not the file again.
            const revalidated = await get(nodes[1].url, css, { 'If-None-Match': a.headers.etag });
            assert.equal(revalidated.status, 304);
        });

        test('`comptoir migrate` while the nodes serve applies 0 migrations and disturbs neither', async () => {
            const result = await runCli(['migrate'], { env: { COMPTOIR_DATABASE_URL: db.url } });
            assertSuccess(result, 'migrate while serving');
            assert.match(result.stdout + result.stderr, /applied 0 migration\(s\)/, result.stdout + result.stderr);
            for (const [i, node] of nodes.entries()) {
                assert.equal((await get(node.url, '/readyz')).status, 200, `node ${i + 1} still ready`);
                assert.equal((await get(node.url, '/', sameRequest)).status, 200, `node ${i + 1} still serves /`);
            }
        });

        test('a node stopped with SIGTERM exits 0 while the other keeps serving', async () => {
            const [survivor, stopped] = nodes;
            const exit = await stopped.stop();
            assertCleanExit(exit, stopped);
            await assert.rejects(get(stopped.url, '/healthz'), /ECONNREFUSED/, 'the stopped node no longer answers');
            for (const target of ['/readyz', '/']) {
                const response = await get(survivor.url, target, sameRequest);
                assert.equal(response.status, 200, `the surviving node answers ${target}`);
            }
            // The survivor's own shutdown is as clean.
            assertCleanExit(await survivor.stop(), survivor);
        });
    });
}
