// Static assets: fingerprinted URLs cached forever, plain names revalidated,
// gzip when accepted, 304 on a matching ETag, and no way out of the asset tree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT, assert, forEachBackend, get, rawRequest, stylesheetUrl, test, useServer } from './lib.mjs';

forEachBackend('static assets', (backend) => {
    const s = useServer(backend);
    let css;
    const cssUrl = async () => (css ??= stylesheetUrl((await get(s.url, '/')).body));

    test('the fingerprinted stylesheet is immutable with a strong ETag', async () => {
        const url = await cssUrl();
        assert.match(url ?? '', /^\/static\/css\/app\.[0-9a-f]{8,}\.css$/);
        const response = await get(s.url, url);
        assert.equal(response.status, 200);
        assert.match(response.headers['content-type'] ?? '', /^text\/css/);
        assert.match(response.headers['cache-control'] ?? '', /immutable/);
        assert.match(response.headers['cache-control'] ?? '', /max-age=\d{7,}/);
        assert.match(response.headers.etag ?? '', /^"[^"]+"$/, 'a strong ETag (no W/)');
        assert.ok(response.bytes.length > 100, 'the stylesheet has content');
    });

    test('the plain name serves the same bytes and must be revalidated', async () => {
        const fingerprinted = await get(s.url, await cssUrl());
        const plain = await get(s.url, '/static/css/app.css');
        assert.equal(plain.status, 200);
        assert.match(plain.headers['cache-control'] ?? '', /no-cache/);
        assert.doesNotMatch(plain.headers['cache-control'] ?? '', /immutable/);
        assert.ok(plain.headers.etag, 'an ETag to revalidate with');
        assert.ok(plain.bytes.equals(fingerprinted.bytes), 'same content');
    });

    test("the plain name serves the theme's file as it is on disk", async () => {
        const served = (await get(s.url, '/static/css/app.css')).bytes;
        const onDisk = readFileSync(path.join(REPO_ROOT, 'themes/default/static/css/app.css'));
        assert.ok(served.equals(onDisk));
    });

    test('gzip when the client accepts it, identical once decompressed', async () => {
        const url = await cssUrl();
        const identity = await get(s.url, url);
        for (const acceptEncoding of ['gzip', 'gzip, deflate, br', 'br;q=1, gzip;q=0.5']) {
            const gz = await get(s.url, url, { 'Accept-Encoding': acceptEncoding });
            assert.equal(gz.status, 200);
            assert.equal(gz.headers['content-encoding'], 'gzip', acceptEncoding);
            assert.match(gz.headers.vary ?? '', /accept-encoding/i, 'Vary: Accept-Encoding');
            assert.ok(gunzipSync(gz.bytes).equals(identity.bytes), 'decompresses to the same bytes');
            assert.ok(gz.bytes.length < identity.bytes.length, 'smaller');
        }
        assert.equal(identity.headers['content-encoding'], undefined, 'identity without Accept-Encoding');
        const refused = await get(s.url, url, { 'Accept-Encoding': 'gzip;q=0, identity' });
        assert.notEqual(refused.headers['content-encoding'], 'gzip', 'gzip;q=0 means no gzip');
    });

    test('If-None-Match with the ETag gives 304 without a body', async () => {
        for (const url of [await cssUrl(), '/static/css/app.css']) {
            const first = await get(s.url, url);
            const again = await get(s.url, url, { 'If-None-Match': first.headers.etag });
            assert.equal(again.status, 304, url);
            assert.equal(again.bytes.length, 0, `${url}: no body`);
            assert.equal(again.headers.etag, first.headers.etag);
            const stale = await get(s.url, url, { 'If-None-Match': '"not-the-etag"' });
            assert.equal(stale.status, 200, `${url}: a different ETag gets the content`);
        }
    });

    test('unknown assets are 404', async () => {
        for (const target of ['/static/css/nope.css', '/static/', '/static/css/app.00000000.css.map', '/static/css']) {
            const response = await get(s.url, target);
            assert.equal(response.status, 404, target);
        }
    });

    for (const target of [
        '/static/../comptoir.toml',
        '/static/../../../CMakeLists.txt',
        '/static/css/../../../../CMakeLists.txt',
        '/static/%2e%2e/x',
        '/static/%2e%2e/%2e%2e/%2e%2e/CMakeLists.txt',
        '/static/..%2fx',
        '/static/..%2f..%2f..%2fCMakeLists.txt',
        '/static/..%5c..%5c..%5cCMakeLists.txt',
        '/static/%252e%252e/%252e%252e/%252e%252e/CMakeLists.txt',
        '/static//etc/passwd',
        '/static/%2fetc%2fpasswd',
        '/static/css/app.css%00.txt',
    ]) {
        test(`path traversal ${target} → 400 or 404, never a file`, async () => {
            const { response, text } = await rawRequest(s.port, `GET ${target} HTTP/1.1\r\nHost: t\r\n\r\n`);
            assert.ok([400, 404].includes(response?.status), `400 or 404, got:\n${text.slice(0, 200)}`);
            assert.doesNotMatch(response.body, /cmake_minimum_required|root:x:0:0|\[server\]|\[database\]/);
        });
    }
});
