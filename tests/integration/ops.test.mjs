// What operators rely on: /healthz, /readyz, /metrics and the JSON access log.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
    assert,
    assertCleanExit,
    forEachBackend,
    get,
    metricValue,
    parseMetrics,
    seededDatabase,
    sleep,
    startServer,
    tempDir,
    test,
    useServer,
} from './lib.mjs';

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
async function eventually(probe, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    let value;
    while (!(value = await probe()) && Date.now() < deadline) await sleep(100);
    return value;
}

const requestsTotal = 'comptoir_http_requests_total';
const durationBucket = 'comptoir_http_request_duration_seconds_bucket';

async function metrics(s) {
    const response = await get(s.url, '/metrics');
    assert.equal(response.status, 200);
    return { response, samples: parseMetrics(response.body) };
}

/** Access-log lines parsed as JSON (each line must be one JSON object). */
function parseLogLines(lines, where) {
    return lines.map((line) => {
        let entry;
        assert.doesNotThrow(() => (entry = JSON.parse(line)), `${where}: not a JSON line: ${line}`);
        assert.equal(typeof entry, 'object', `${where}: a JSON object per line: ${line}`);
        return entry;
    });
}

/** Makes a few requests and returns [{target, status, id}] from their responses. */
async function makeRequests(s) {
    const made = [];
    for (const target of ['/', '/no-such-page?x=1', '/healthz']) {
        const response = await get(s.url, target);
        made.push({ target, status: response.status, id: response.headers['x-request-id'] });
    }
    return made;
}

/** Asserts every request made appears in the log with matching fields. */
function assertLogged(entries, made) {
    for (const { target, status, id } of made) {
        const entry = entries.find((e) => e.request_id === id);
        assert.ok(entry, `access log has request_id ${id} (${target})`);
        assert.equal(entry.method, 'GET');
        assert.equal(entry.target, target);
        assert.equal(entry.status, status);
        assert.equal(typeof entry.duration_ms, 'number');
        assert.ok(entry.duration_ms >= 0 && entry.duration_ms < 60_000, `duration_ms plausible: ${entry.duration_ms}`);
    }
}

forEachBackend('ops', (backend) => {
    const s = useServer(backend, { env: { COMPTOIR_ACCESS_LOG: 'stdout' } });

    test('/healthz answers ok', async () => {
        const response = await get(s.url, '/healthz');
        assert.equal(response.status, 200);
        assert.equal(response.body.trim(), 'ok');
        assert.match(response.headers['content-type'] ?? '', /text\/plain/);
    });

    test('/readyz answers 200 when the database answers', async () => {
        assert.equal((await get(s.url, '/readyz')).status, 200);
    });

    test('/metrics counts requests by route, method and status', async () => {
        const before = metricValue((await metrics(s)).samples, requestsTotal, { route: '/', method: 'GET', status: '200' });
        assert.equal((await get(s.url, '/')).status, 200);
        assert.equal((await get(s.url, '/')).status, 200);
        const afterValue = await eventually(async () => {
            const value = metricValue((await metrics(s)).samples, requestsTotal, { route: '/', method: 'GET', status: '200' });
            return value >= before + 2 ? value : 0;
        });
        assert.ok(afterValue >= before + 2, `count grew by 2 from ${before}`);
    });

    test('/metrics is Prometheus text with a latency histogram', async () => {
        await get(s.url, '/');
        const { response, samples } = await metrics(s);
        assert.match(response.headers['content-type'] ?? '', /^text\/plain/);
        assert.match(response.body, new RegExp(`^# TYPE ${requestsTotal} counter$`, 'm'));
        assert.match(response.body, /^# TYPE comptoir_http_request_duration_seconds histogram$/m);
        const buckets = samples.filter((x) => x.name === durationBucket && x.labels.route === '/' && x.labels.method === 'GET');
        assert.ok(buckets.length >= 2, 'buckets for route /');
        const inf = buckets.find((b) => b.labels.le === '+Inf');
        assert.ok(inf, 'an le="+Inf" bucket');
        const count = metricValue(samples, 'comptoir_http_request_duration_seconds_count', { route: '/', method: 'GET' });
        assert.equal(metricValue(samples, durationBucket, { route: '/', method: 'GET', le: '+Inf' }), count, '+Inf bucket equals _count');
        assert.ok(samples.some((x) => x.name === 'comptoir_http_request_duration_seconds_sum'), '_sum present');
        // Buckets are cumulative: a larger le never has fewer requests.
        const byLe = buckets
            .filter((b) => b.labels.status === inf.labels.status)
            .map((b) => [b.labels.le === '+Inf' ? Infinity : Number(b.labels.le), b.value])
            .sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < byLe.length; i++) assert.ok(byLe[i][1] >= byLe[i - 1][1], `cumulative buckets: ${JSON.stringify(byLe)}`);
    });

    test('/metrics does not grow a series per unknown path', async () => {
        const marker = `zz${Date.now().toString(36)}`;
        assert.equal((await get(s.url, `/no-such-${marker}`)).status, 404);
        assert.equal((await get(s.url, `/static/${marker}.css`)).status, 404);
        const { response } = await metrics(s);
        assert.ok(!response.body.includes(marker), 'unknown paths are not metric labels');
    });

    test('access log: one JSON object per line on stdout, with the request id of the response', async () => {
        const made = await makeRequests(s);
        const found = await eventually(() => made.every(({ id }) => s.stdout().includes(id)));
        assert.ok(found, `all request ids logged; stdout:\n${s.stdout().slice(-2000)}`);
        assertLogged(parseLogLines(s.stdoutLines(), 'stdout'), made);
    });
});

forEachBackend('ops: access log to a file', (backend) => {
    const logFile = path.join(tempDir(), 'access.log');
    const s = useServer(backend, { env: { COMPTOIR_ACCESS_LOG: logFile } });

    test('COMPTOIR_ACCESS_LOG=<path> writes JSON lines there and nothing to stdout', async () => {
        const made = await makeRequests(s);
        const read = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
        assert.ok(await eventually(() => made.every(({ id }) => read().includes(id))), `request ids in ${logFile}:\n${read()}`);
        const lines = read().split('\n').filter((l) => l.trim());
        assertLogged(parseLogLines(lines, logFile), made);
        assert.ok(!made.some(({ id }) => s.stdout().includes(id)), 'stdout has no access-log lines');
    });
});

forEachBackend('ops: access log off', (backend) => {
    const s = useServer(backend, { env: { COMPTOIR_ACCESS_LOG: 'off' } });

    test('COMPTOIR_ACCESS_LOG=off logs no requests', async () => {
        const made = await makeRequests(s);
        await sleep(300);
        assert.ok(!made.some(({ id }) => s.stdout().includes(id) || s.stderr().includes(id)), 'request ids not logged');
    });
});

forEachBackend('ops: readiness without a database', (backend) => {
    if (backend.name !== 'postgres') return;

    test('/readyz turns 503 when the PostgreSQL database goes away; /healthz stays 200', async () => {
        const { db } = await seededDatabase(backend);
        const server = await startServer({ db });
        try {
            assert.equal((await get(server.url, '/readyz')).status, 200);
            await db.drop();
            const status = await eventually(async () => {
                const { status: code } = await get(server.url, '/readyz');
                return code === 503 ? code : 0;
            }, 10_000);
            assert.equal(status, 503, '/readyz is 503 once the database is gone');
            assert.equal((await get(server.url, '/healthz')).status, 200);
        } finally {
            assertCleanExit(await server.stop(), server);
        }
    });
});
