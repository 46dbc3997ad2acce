// HTTP behaviour a client relies on: keep-alive, limits, timeouts, bad
// requests and the localised error pages.
import {
    assert,
    forEachBackend,
    get,
    htmlLang,
    parseResponses,
    rawExchange,
    rawRequest,
    request,
    responsesReceived,
    sleep,
    test,
    useServer,
} from './lib.mjs';
import { Client } from './session-lib.mjs';

const MAX_BODY = 4096;
const MAX_HEADER = 8192;
const READ_TIMEOUT_MS = 500;
const IDLE_TIMEOUT_MS = 1500;
/** Slack for a server under ASan on a busy 2-core machine. */
const SLACK_MS = 4000;

const req = (target, extra = '') => `GET ${target} HTTP/1.1\r\nHost: t\r\n${extra}\r\n`;

/** Asserts an HTML error page with the request id from its header and no internals. */
function assertErrorPage(response, status, what) {
    assert.equal(response.status, status, `${what}: status`);
    assert.match(response.headers['content-type'] ?? '', /text\/html/, `${what}: an HTML page`);
    const id = response.headers['x-request-id'];
    assert.ok(id, `${what}: X-Request-Id`);
    assert.ok(response.body.includes(id), `${what}: the page shows the request id ${id}`);
    assert.doesNotMatch(response.body, /std::|boost|\.cpp\b|\.hpp\b|what\(\)|exception|sqlite|libpq|stack trace|errno/i, `${what}: no internals`);
}

forEachBackend('http', (backend) => {
    const s = useServer(backend, {
        env: {
            COMPTOIR_MAX_BODY_BYTES: MAX_BODY,
            COMPTOIR_MAX_HEADER_BYTES: MAX_HEADER,
            COMPTOIR_READ_TIMEOUT_MS: READ_TIMEOUT_MS,
            COMPTOIR_IDLE_TIMEOUT_MS: IDLE_TIMEOUT_MS,
            // /__test/fail: an action that throws, for the real 500 page.
            COMPTOIR_TEST_ROUTES: '1',
        },
    });

    test('keep-alive: two requests one after the other on one connection', async () => {
        const exchange = await rawExchange(s.port, [req('/healthz'), 200, req('/')], { until: responsesReceived(2) });
        const responses = parseResponses(exchange.text);
        assert.equal(responses.length, 2, `two responses on one socket:\n${exchange.text.slice(0, 500)}`);
        assert.deepEqual(responses.map((r) => r.status), [200, 200]);
        assert.equal(responses[0].body.trim(), 'ok');
        assert.match(responses[1].body, /<html/i);
        assert.notEqual(responses[0].headers['x-request-id'], responses[1].headers['x-request-id']);
    });

    test('keep-alive: pipelined requests are answered in order', async () => {
        const exchange = await rawExchange(s.port, [req('/') + req('/healthz') + req('/nope')], { until: responsesReceived(3) });
        const responses = parseResponses(exchange.text);
        assert.deepEqual(responses.map((r) => r.status), [200, 200, 404]);
        assert.equal(responses[1].body.trim(), 'ok');
    });

    test('Connection: close is honoured', async () => {
        const exchange = await rawExchange(s.port, [req('/healthz', 'Connection: close\r\n')], { timeoutMs: SLACK_MS });
        assert.equal(parseResponses(exchange.text)[0]?.status, 200);
        assert.ok(exchange.closed, 'the server closes the connection after the response');
    });

    test('an idle keep-alive connection is closed after the idle timeout', async () => {
        const exchange = await rawExchange(s.port, [req('/healthz')], { timeoutMs: IDLE_TIMEOUT_MS + SLACK_MS });
        assert.equal(parseResponses(exchange.text)[0]?.status, 200);
        assert.ok(exchange.closed, `closed within ${IDLE_TIMEOUT_MS + SLACK_MS} ms`);
        assert.ok(exchange.elapsedMs >= IDLE_TIMEOUT_MS - 300, `kept open until the idle timeout (closed after ${exchange.elapsedMs} ms)`);
    });

    test('a slow client is cut off after the read timeout while others are served', async () => {
        const slow = Array.from({ length: 8 }, () =>
            rawExchange(s.port, ['GET / HTTP/1.1\r\nHost: t\r\nX-Half: '], { timeoutMs: READ_TIMEOUT_MS + SLACK_MS }),
        );
        await sleep(100);
        const started = Date.now();
        const normal = await get(s.url, '/');
        assert.equal(normal.status, 200);
        assert.ok(Date.now() - started < SLACK_MS, 'a normal request is served while slow clients hang');
        for (const exchange of await Promise.all(slow)) {
            assert.ok(exchange.closed, `slow client disconnected within ${READ_TIMEOUT_MS + SLACK_MS} ms`);
            const status = parseResponses(exchange.text)[0]?.status;
            assert.ok(status === undefined || status === 408, `closed silently or with 408, got ${status}`);
        }
    });

    test('a client trickling header bytes cannot extend the read timeout', async () => {
        const chunks = ['GET / HTTP/1.1\r\nHost: t\r\nX-Trickle: '];
        for (let i = 0; i < 40; i++) chunks.push(100, 'a');
        const exchange = await rawExchange(s.port, chunks, { timeoutMs: 10_000 });
        assert.ok(exchange.closed, 'the connection is closed');
        assert.ok(exchange.lifetimeMs < READ_TIMEOUT_MS + SLACK_MS, `closed after ${exchange.lifetimeMs} ms, before the trickle ends`);
    });

    test('a body over the limit (declared length) is refused with a 413 page', async () => {
        const { response } = await rawRequest(
            s.port,
            `POST / HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: ${MAX_BODY * 5}\r\n\r\n`,
        );
        assert.ok(response, 'a response before the body is sent');
        assertErrorPage(response, 413, '413 (Content-Length)');
    });

    test('the 413 page is French with Accept-Language fr', async () => {
        const { response } = await rawRequest(
            s.port,
            `POST / HTTP/1.1\r\nHost: t\r\nAccept-Language: fr\r\nContent-Type: text/plain\r\nContent-Length: ${MAX_BODY * 5}\r\n\r\n`,
        );
        assert.ok(response, 'a response before the body is sent');
        assertErrorPage(response, 413, '413 fr');
        assert.equal(htmlLang(response.body), 'fr');
        assert.ok(response.body.includes('Requête trop volumineuse'), `the French title:\n${response.body.slice(0, 2000)}`);
    });

    test('a chunked body over the limit is refused with 413', async () => {
        const chunk = `${(1024).toString(16)}\r\n${'x'.repeat(1024)}\r\n`;
        const chunks = ['POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n'];
        for (let i = 0; i < 10; i++) chunks.push(chunk, 20);
        chunks.push('0\r\n\r\n');
        const exchange = await rawExchange(s.port, chunks, { until: responsesReceived(1), stopWritingOnData: true });
        const [response] = parseResponses(exchange.text);
        assert.ok(response, `a response:\n${exchange.text.slice(0, 300)}`);
        assertErrorPage(response, 413, '413 (chunked)');
    });

    test('a header section over the limit is refused with 431', async () => {
        const { response, text } = await rawRequest(s.port, req('/', `X-Big: ${'a'.repeat(MAX_HEADER * 2)}\r\n`));
        assert.equal(response?.status, 431, `431 for a huge header:\n${text.slice(0, 300)}`);
    });

    test('many headers adding up over the limit are refused with 431', async () => {
        let headers = '';
        for (let i = 0; headers.length < MAX_HEADER * 2; i++) headers += `X-Header-${i}: ${'v'.repeat(50)}\r\n`;
        const { response, text } = await rawRequest(s.port, req('/', headers));
        assert.equal(response?.status, 431, `431 for many headers:\n${text.slice(0, 300)}`);
    });

    test('headers just under the limit are accepted', async () => {
        const { response } = await rawRequest(s.port, req('/healthz', `X-Fill: ${'a'.repeat(MAX_HEADER / 2)}\r\n`));
        assert.equal(response?.status, 200);
    });

    for (const [name, raw] of [
        ['garbage request line', 'GARBAGE\r\n\r\n'],
        ['request line without target', 'GET\r\nHost: t\r\n\r\n'],
        ['space in the target', 'GET /a b HTTP/1.1\r\nHost: t\r\n\r\n'],
        ['bad header line', 'GET / HTTP/1.1\r\nHost: t\r\nno colon here\r\n\r\n'],
        ['bad Content-Length', 'POST / HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n'],
    ]) {
        test(`malformed request (${name}) → 400`, async () => {
            const { response, text, closed } = await rawRequest(s.port, raw, { timeoutMs: SLACK_MS });
            assert.equal(response?.status, 400, `400, got:\n${text.slice(0, 300)} (closed: ${closed})`);
        });
    }

    test('invalid UTF-8 in the query → 400 page', async () => {
        const response = await get(s.url, '/search?q=%ff');
        assertErrorPage(response, 400, '/search?q=%ff');
    });

    test('a search longer than 500 bytes → 400 page, while 500 bytes are served', async () => {
        const tooLong = await get(s.url, `/search?q=${'a'.repeat(501)}`);
        assertErrorPage(tooLong, 400, 'search of 501 bytes');
        const longest = await get(s.url, `/search?q=${'a'.repeat(500)}`);
        assert.equal(longest.status, 200);
    });

    test('a NUL byte in the target → 400', async () => {
        const { response } = await rawRequest(s.port, req('/%00'));
        assert.equal(response?.status, 400);
    });

    test('404 page is localised (en) and carries the request id', async () => {
        const response = await get(s.url, '/no-such-page');
        assertErrorPage(response, 404, '404 en');
        assert.equal(htmlLang(response.body), 'en');
    });

    test('404 page is French with Accept-Language fr', async () => {
        const en = await get(s.url, '/no-such-page');
        const fr = await get(s.url, '/no-such-page', { 'Accept-Language': 'fr' });
        assertErrorPage(fr, 404, '404 fr');
        assert.equal(htmlLang(fr.body), 'fr');
        assert.notEqual(pageText(fr.body), pageText(en.body), 'the French page reads differently');
    });

    test('405 with an Allow header for POST /', async () => {
        const response = await request(s.url, '/', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
        assertErrorPage(response, 405, 'POST /');
        assert.match(response.headers.allow ?? '', /\bGET\b/, 'Allow lists GET');
        assert.doesNotMatch(response.headers.allow ?? '', /\bPOST\b/, 'Allow does not list POST');
    });

    test('405 page is French with Accept-Language fr', async () => {
        const response = await request(s.url, '/', { method: 'DELETE', headers: { 'Accept-Language': 'fr' } });
        assertErrorPage(response, 405, 'DELETE / fr');
        assert.equal(htmlLang(response.body), 'fr');
    });

    test('an action that throws gets the 500 page: English, the request id, no exception text, and a log line', async () => {
        const response = await get(s.url, '/__test/fail');
        assertErrorPage(response, 500, '500 en');
        assert.equal(htmlLang(response.body), 'en');
        assert.ok(response.body.includes('Something went wrong'), `the English title:\n${response.body.slice(0, 2000)}`);
        assert.doesNotMatch(response.body, /deliberate|secret_column|SELECT|internals|test_fail|runtime_error/i, 'no exception text');
        assert.equal(response.headers['cache-control'], 'no-store');
        // The operator finds the cause in the log by the id the visitor reports.
        const id = response.headers['x-request-id'];
        const loggedLine = () => s.stderr().split('\n').find((line) => line.includes(id));
        // The response may overtake the log line through the pipe.
        for (let waited = 0; !loggedLine() && waited < SLACK_MS; waited += 50) await sleep(50);
        const logged = loggedLine();
        assert.ok(logged, `a log line with the request id ${id}:\n${s.stderr().slice(-2000)}`);
        assert.match(logged, /deliberate failure/, 'the log keeps the cause');
    });

    test('the 500 page is French with Accept-Language fr', async () => {
        const en = await get(s.url, '/__test/fail');
        const fr = await get(s.url, '/__test/fail', { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.5' });
        assertErrorPage(fr, 500, '500 fr');
        assert.equal(htmlLang(fr.body), 'fr');
        assert.ok(fr.body.includes('Une erreur est survenue'), `the French title:\n${fr.body.slice(0, 2000)}`);
        assert.doesNotMatch(fr.body, /deliberate|secret_column|SELECT|internals/i, 'no exception text');
        assert.notEqual(fr.headers['x-request-id'], en.headers['x-request-id'], 'each request has its own id');
        assert.notEqual(pageText(fr.body), pageText(en.body), 'the French page reads differently');
    });

    test('invalid UTF-8 in a form field → the localised 400 page, whichever the field', async () => {
        const client = new Client(s.url);
        await client.get('/sign-in');
        assert.ok(client.csrf, 'the sign-in form carries a CSRF token');
        const post = (body, lang) =>
            request(s.url, '/sign-in', {
                method: 'POST',
                body,
                headers: {
                    Cookie: client.cookieHeader(),
                    Origin: s.url,
                    'Content-Type': 'application/x-www-form-urlencoded',
                    'Accept-Language': lang,
                },
            });
        const token = `csrf_token=${client.csrf}`;
        // As a browser sends it (percent-encoded), then a raw byte, then in another field.
        const cases = [
            ['%FF in email', `${token}&email=z%FFlie%40example.com&password=whatever-123`],
            ['raw 0xFF in email', Buffer.concat([Buffer.from(`${token}&email=z`), Buffer.from([0xff]), Buffer.from('lie%40example.com&password=x')])],
            ['truncated sequence in password', `${token}&email=zelie%40example.com&password=caf%C3`],
        ];
        for (const [what, body] of cases) {
            const fr = await post(body, 'fr');
            assertErrorPage(fr, 400, `${what} (fr)`);
            assert.equal(htmlLang(fr.body), 'fr', what);
            assert.ok(fr.body.includes('Requête incorrecte'), `${what}: the French 400 page:\n${fr.body.slice(0, 2000)}`);
            assert.doesNotMatch(fr.body, /name="password"/, `${what}: the error page, not the form again`);
        }
        const en = await post(cases[0][1], 'en');
        assertErrorPage(en, 400, '%FF in email (en)');
        assert.equal(htmlLang(en.body), 'en');
        assert.ok(en.body.includes('Bad request'), 'the English 400 page');
        // The same form with valid UTF-8 reaches the action (a wrong password re-shows the form).
        const valid = await post(`${token}&email=z%C3%A9lie%40example.com&password=whatever-123`, 'en');
        assert.notEqual(valid.status, 400, 'a well-formed form is not refused');
        assert.match(valid.body, /name="password"/, 'the sign-in form again');
    });

    test('the server still answers normally after all of the above', async () => {
        const response = await get(s.url, '/');
        assert.equal(response.status, 200);
    });
});

/** The visible text of a page without the request id, to compare two languages. */
function pageText(html) {
    return html
        .replace(/<[^>]+>/g, ' ')
        .replace(/[0-9a-f]{8,}|[0-9a-f-]{20,}/gi, '')
        .replace(/\s+/g, ' ')
        .trim();
}
