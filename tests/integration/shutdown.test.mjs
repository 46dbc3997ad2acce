// Graceful shutdown: in-flight requests finish, new connections are refused,
// idle connections do not hold the process, and the exit code is 0.
import net from 'node:net';
import {
    assert,
    assertCleanExit,
    forEachBackend,
    get,
    rawExchange,
    parseResponses,
    responsesReceived,
    sharedDatabase,
    sleep,
    startServer,
    test,
} from './lib.mjs';

/** Resolves 'refused' / 'closed' / 'answered <status>' for a new connection attempt. */
function tryNewConnection(port) {
    return new Promise((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port });
        let data = '';
        const done = (outcome) => {
            socket.destroy();
            resolve(outcome);
        };
        socket.setTimeout(5000, () => done('timeout'));
        socket.on('connect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n'));
        socket.on('data', (d) => {
            data += d;
            const [response] = parseResponses(data);
            if (response?.complete) done(`answered ${response.status}`);
        });
        socket.on('error', (err) => done(err.code === 'ECONNREFUSED' ? 'refused' : 'closed'));
        socket.on('close', () => done('closed'));
    });
}

forEachBackend('graceful shutdown', (backend) => {
    const start = async (env = {}) => startServer({ db: (await sharedDatabase(backend)).db, env });

    test('SIGTERM: the in-flight request completes, new connections are refused, exit 0', async () => {
        const server = await start({ COMPTOIR_TEST_ROUTES: '1', COMPTOIR_SHUTDOWN_GRACE_MS: '10000' });
        const inFlight = get(server.url, '/__test/sleep?ms=1500');
        await sleep(400);
        server.signal('SIGTERM');
        await sleep(300);
        const newcomer = await tryNewConnection(server.port);
        const response = await inFlight;
        assert.equal(response.status, 200, 'the in-flight request completes');
        assert.equal(response.body.trim(), 'slept');
        assert.ok(['refused', 'closed'].includes(newcomer), `a new connection after SIGTERM is not served (${newcomer})`);
        assertCleanExit(await server.waitExit(), server);
    });

    test('SIGINT also stops the server with exit 0', async () => {
        const server = await start();
        assert.equal((await get(server.url, '/healthz')).status, 200);
        server.signal('SIGINT');
        assertCleanExit(await server.waitExit(), server);
    });

    test('an idle keep-alive connection does not hold the process after SIGTERM', async () => {
        const server = await start({ COMPTOIR_IDLE_TIMEOUT_MS: '60000' });
        // Leave one connection open and idle after a complete exchange.
        const idle = rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n'], { timeoutMs: 30_000 });
        await sleep(500);
        const stoppedAt = Date.now();
        server.signal('SIGTERM');
        const result = await server.waitExit(10_000);
        assertCleanExit(result, server);
        assert.ok(Date.now() - stoppedAt < 8000, 'exits promptly despite the idle connection');
        const exchange = await idle;
        assert.ok(exchange.closed, 'the idle connection was closed');
        assert.equal(parseResponses(exchange.text)[0]?.status, 200);
    });

    test('a /__test route does not exist unless COMPTOIR_TEST_ROUTES=1', async () => {
        const server = await start();
        try {
            assert.equal((await get(server.url, '/__test/sleep?ms=1')).status, 404);
        } finally {
            assertCleanExit(await server.stop(), server);
        }
    });

    test('a pipelined request behind the in-flight one is still answered or cleanly dropped', async () => {
        const server = await start({ COMPTOIR_TEST_ROUTES: '1', COMPTOIR_SHUTDOWN_GRACE_MS: '10000' });
        const exchange = rawExchange(
            server.port,
            ['GET /__test/sleep?ms=1000 HTTP/1.1\r\nHost: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n'],
            { timeoutMs: 15_000, until: responsesReceived(2) },
        );
        await sleep(300);
        server.signal('SIGTERM');
        const responses = parseResponses((await exchange).text).filter((r) => r.complete);
        assert.ok(responses.length >= 1, 'the in-flight response arrives');
        assert.equal(responses[0].status, 200);
        assert.equal(responses[0].body.trim(), 'slept');
        assertCleanExit(await server.waitExit(), server);
    });
});
