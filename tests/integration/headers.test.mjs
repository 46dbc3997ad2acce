// Security headers on every kind of response, request ids, and HSTS only
// behind a trusted TLS-terminating proxy.
import {
    assert,
    assertSecurityHeaders,
    describe,
    forEachBackend,
    get,
    rawRequest,
    request,
    stylesheetUrl,
    test,
    useServer,
} from './lib.mjs';

/** Every kind of response the server makes, as {what, response}. */
async function sampleResponses(s) {
    const home = await get(s.url, '/');
    const css = stylesheetUrl(home.body);
    assert.ok(css, 'the home page links its stylesheet');
    const fingerprinted = await get(s.url, css);
    const samples = [
        ['home page', home],
        ['search page', await get(s.url, '/search?q=x')],
        ['section page', await get(s.url, '/kb')],
        ['healthz', await get(s.url, '/healthz')],
        ['readyz', await get(s.url, '/readyz')],
        ['metrics', await get(s.url, '/metrics')],
        ['fingerprinted asset', fingerprinted],
        ['plain asset', await get(s.url, '/static/css/app.css')],
        ['304 asset', await get(s.url, css, { 'If-None-Match': fingerprinted.headers.etag })],
        ['404 asset', await get(s.url, '/static/nope.css')],
        ['404 page', await get(s.url, '/no-such-page')],
        ['405 page', await request(s.url, '/', { method: 'POST', body: '' })],
        ['400 page (bad UTF-8)', await get(s.url, '/search?q=%ff')],
        ['400 (NUL in target)', (await rawRequest(s.port, 'GET /%00 HTTP/1.1\r\nHost: t\r\n\r\n')).response],
        ['413', (await rawRequest(s.port, 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n')).response],
    ];
    return samples;
}

forEachBackend('security headers', (backend) => {
    const s = useServer(backend);

    test('every response carries the security headers and no HSTS over plain HTTP', async () => {
        const samples = await sampleResponses(s);
        for (const [what, response] of samples) {
            assert.ok(response, `${what}: a response`);
            assertSecurityHeaders(response.headers, `${what} (${response.status})`);
            assert.equal(response.headers['strict-transport-security'], undefined, `${what}: no HSTS on plain HTTP`);
        }
        assert.equal(samples.find(([w]) => w === '304 asset')[1].status, 304);
    });

    test('request ids are unique per request', async () => {
        const ids = new Set();
        for (let i = 0; i < 10; i++) ids.add((await get(s.url, '/healthz')).headers['x-request-id']);
        assert.equal(ids.size, 10);
    });

    test('the page itself has no inline script', async () => {
        const home = await get(s.url, '/');
        for (const m of home.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
            assert.match(m[1], /\bsrc=/, 'scripts are external files');
            assert.equal(m[2].trim(), '', 'no inline script body');
        }
        assert.doesNotMatch(home.body, /\son[a-z]+\s*=/i, 'no inline event handlers');
    });

    test('X-Forwarded-Proto from an untrusted peer does not turn on HSTS', async () => {
        const response = await get(s.url, '/', { 'X-Forwarded-Proto': 'https' });
        assert.equal(response.status, 200);
        assert.equal(response.headers['strict-transport-security'], undefined);
    });
});

forEachBackend('security headers behind a trusted proxy', (backend) => {
    const s = useServer(backend, { env: { COMPTOIR_TRUSTED_PROXIES: '127.0.0.1' } });

    test('HSTS when the trusted proxy says the client used https', async () => {
        for (const target of ['/', '/no-such-page', '/healthz']) {
            const response = await get(s.url, target, { 'X-Forwarded-Proto': 'https' });
            assert.match(response.headers['strict-transport-security'] ?? '', /max-age=\d{6,}/, `${target}: HSTS with a long max-age`);
            assertSecurityHeaders(response.headers, target);
        }
    });

    test('no HSTS when the trusted proxy forwarded plain http', async () => {
        for (const headers of [{}, { 'X-Forwarded-Proto': 'http' }]) {
            const response = await get(s.url, '/', headers);
            assert.equal(response.headers['strict-transport-security'], undefined, JSON.stringify(headers));
        }
    });
});

describe('assertSecurityHeaders', () => {
    test('rejects a CSP that allows inline script', () => {
        const good = {
            'x-request-id': 'r',
            'content-security-policy': "default-src 'self'; script-src 'self'; frame-ancestors 'none'",
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'same-origin',
        };
        assertSecurityHeaders(good, 'good');
        assert.throws(() =>
            assertSecurityHeaders({ ...good, 'content-security-policy': "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'" }, 'bad'),
        );
        assert.throws(() => assertSecurityHeaders({ ...good, 'content-security-policy': "script-src 'self'" }, 'bad'));
    });
});
