// Helpers for tests that sign in: a cookie-keeping client that sends forms
// the way a browser does (CSRF token from the last page, same Origin), TOTP
// codes computed from a secret, and the mail the test SMTP sink received.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

import { recordSecret, request, sleep } from './lib.mjs';

/** Names of the session cookie (plain HTTP and TLS): its value is a bearer credential. */
const SESSION_COOKIES = new Set(['comptoir_session', '__Host-comptoir_session']);

/** Form fields whose value is a secret the server must never log. */
const SECRET_FIELDS = { password: 'password', new_password: 'password', current_password: 'password', password_confirm: 'password' };

/** The kind of single-use token a mailed link carries, by the link's path. */
const LINK_TOKEN_KINDS = {
    '/verify-email': 'e-mail verification link token',
    '/password/reset': 'password reset link token',
    '/invitation': 'invitation link token',
    '/account/email/confirm': 'e-mail change link token',
};

/**
 * Records every session cookie of a browser context (Playwright's
 * context.cookies()) for the run's secrets check, as Client does for its own.
 */
export function recordSessionCookies(cookies) {
    for (const { name, value } of cookies) if (SESSION_COOKIES.has(name)) recordSecret('session cookie', value);
}

/** A browser-like client: keeps cookies, remembers the last CSRF token it saw. */
export class Client {
    constructor(baseUrl, { userAgent = 'ComptoirTest/1.0 (X11; Linux x86_64) Firefox/130.0' } = {}) {
        this.base = baseUrl;
        this.cookies = new Map();
        this.csrf = null;
        this.userAgent = userAgent;
        this.lastBody = '';
    }

    cookieHeader() {
        return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }

    remember(res) {
        for (const line of res.headers['set-cookie'] ?? []) {
            const [pair, ...attrs] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            const expired = attrs.some((a) => a.trim().toLowerCase() === 'max-age=0');
            if (expired || value === '') this.cookies.delete(name);
            else this.cookies.set(name, value);
            if (!expired && SESSION_COOKIES.has(name)) recordSecret('session cookie', value);
        }
        const token = csrfFrom(res.body);
        if (token) this.csrf = token;
        this.lastBody = res.body;
    }

    /** GET with cookies: {status, headers, body, location}. Redirects are not followed. */
    async get(target, headers = {}) {
        const res = await request(this.base, target, {
            headers: { Cookie: this.cookieHeader(), 'User-Agent': this.userAgent, ...headers },
        });
        this.remember(res);
        res.location = res.headers.location;
        return res;
    }

    /** POST a form (urlencoded). Adds csrf_token (unless given or `csrf: false`) and our Origin. */
    async post(target, fields = {}, { csrf = true, origin = this.base, headers = {} } = {}) {
        const form = new URLSearchParams();
        if (csrf && !('csrf_token' in fields) && this.csrf) form.append('csrf_token', this.csrf);
        for (const [k, v] of Object.entries(fields)) {
            if (Array.isArray(v)) v.forEach((x) => form.append(k, x));
            else if (v !== undefined && v !== null) form.append(k, String(v));
            if (Object.hasOwn(SECRET_FIELDS, k) && typeof v === 'string') recordSecret(SECRET_FIELDS[k], v);
        }
        const h = {
            Cookie: this.cookieHeader(),
            'User-Agent': this.userAgent,
            'Content-Type': 'application/x-www-form-urlencoded',
            ...headers,
        };
        if (origin) h.Origin = origin;
        const res = await request(this.base, target, { method: 'POST', headers: h, body: form.toString() });
        this.remember(res);
        res.location = res.headers.location;
        return res;
    }

    /** GET then follow redirects (up to 5), like a browser. */
    async follow(target) {
        let res = await this.get(target);
        for (let i = 0; i < 5 && res.status >= 300 && res.status < 400; i++) res = await this.get(res.location);
        return res;
    }
}

/** The csrf_token hidden field of a page, or null. */
export function csrfFrom(html) {
    const m = /name="csrf_token" value="([0-9a-f]{64})"/.exec(html ?? '');
    return m ? m[1] : null;
}

/** RFC 4648 base32 (no padding) → Buffer. */
export function base32Decode(text) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = 0;
    let value = 0;
    const out = [];
    for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
        const idx = alphabet.indexOf(ch);
        if (idx < 0) throw new Error(`not base32: ${ch}`);
        value = (value << 5) | idx;
        bits += 5;
        if (bits >= 8) {
            out.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(out);
}

/** The RFC 6238 code (SHA-1, 6 digits, 30 s) for `base32Secret` at `unixSeconds`. */
export function totpCode(base32Secret, unixSeconds = Math.floor(Date.now() / 1000)) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
    const mac = crypto.createHmac('sha1', base32Decode(base32Secret)).update(counter).digest();
    const offset = mac[mac.length - 1] & 0x0f;
    const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(binary).padStart(6, '0');
}

/**
 * Signs in through the pages: GET /sign-in, POST the form, and when a code is
 * asked, POST /sign-in/code with a TOTP code from `totpSecret` (or `code`).
 * Returns the last response (a 303 to the destination on success).
 */
export async function signIn(client, email, password, { totpSecret, code, returnTo } = {}) {
    client.password = password; // enrolMfa confirms with it
    recordSecret('password', password);
    await client.get(returnTo ? `/sign-in?return_to=${encodeURIComponent(returnTo)}` : '/sign-in');
    const fields = { email, password };
    if (returnTo) fields.return_to = returnTo;
    let res = await client.post('/sign-in', fields);
    if (res.status === 303 && res.location?.startsWith('/sign-in/code')) {
        await client.get(res.location);
        const value = code ?? (totpSecret ? totpCode(totpSecret) : undefined);
        assert.ok(value, 'this account asks for a second factor: give totpSecret or code');
        res = await client.post('/sign-in/code', { code: value });
    }
    return res;
}

/** The secret shown on the MFA enrolment page (grouped text), without spaces. */
export function secretFrom(html) {
    const m = /data-secret="([A-Z2-7]+)"/.exec(html);
    return m ? m[1] : null;
}

/**
 * Enrols the signed-in client in TOTP MFA through the pages (GET /account/mfa,
 * POST /account/mfa/setup with the password signIn() used, POST /account/mfa/confirm). Returns {secret,
 * recoveryCodes}. The confirming code uses the previous time step when
 * possible, so that a sign-in right after can use the current one.
 */
export async function enrolMfa(client) {
    await client.get('/account/mfa');
    assert.ok(client.password, 'enrolMfa: sign the client in with signIn() first (enrolment asks for the password)');
    let res = await client.post('/account/mfa/setup', { password: client.password });
    if (res.status === 303) res = await client.get(res.location);
    const secret = secretFrom(res.body);
    assert.ok(secret, `no data-secret on the enrolment page:\n${res.body.slice(0, 2000)}`);
    // The previous step's code, so that a sign-in right after (current code)
    // is no replay. The server accepts one step of skew: near the end of a
    // step, wait for the next one, or a slow request would arrive two steps on.
    if (Date.now() % 30_000 > 24_000) await new Promise((done) => setTimeout(done, 30_500 - (Date.now() % 30_000)));
    const now = Math.floor(Date.now() / 1000);
    res = await client.post('/account/mfa/confirm', { code: totpCode(secret, now - 30) });
    if (res.status === 303) res = await client.get(res.location);
    assert.equal(res.status, 200, `enrolment confirmation failed: ${res.status}`);
    const recoveryCodes = [...res.body.matchAll(/data-recovery-code="([a-z0-9-]+)"/g)].map((m) => m[1]);
    assert.equal(recoveryCodes.length, 10, 'ten recovery codes are shown');
    recordSecret('TOTP secret', secret);
    for (const code of recoveryCodes) recordSecret('MFA recovery code', code);
    return { secret, recoveryCodes };
}

// ------------------------------------------------------------------ mail

function decodeQuotedPrintable(text) {
    const bytes = [];
    const soft = text.replace(/=\r?\n/g, '');
    for (let i = 0; i < soft.length; i++) {
        if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
            bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
            i += 2;
        } else {
            bytes.push(...Buffer.from(soft[i], 'utf8'));
        }
    }
    return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value) {
    return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, data) =>
        enc.toLowerCase() === 'b'
            ? Buffer.from(data, 'base64').toString('utf8')
            : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    ).replace(/\?=\s+=\?/g, '');
}

function splitHead(raw) {
    const at = raw.search(/\r?\n\r?\n/);
    const head = raw.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
    const body = raw.slice(at).replace(/^\r?\n\r?\n/, '');
    const headers = {};
    for (const line of head.split(/\r?\n/)) {
        const c = line.indexOf(':');
        if (c > 0) headers[line.slice(0, c).toLowerCase()] ??= line.slice(c + 1).trim();
    }
    return { headers, body };
}

function decodePart(headers, body) {
    const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
    if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
    return body;
}

/** Records the token of every single-use link of a message (whatever the test does with it). */
function recordLinkTokens(links) {
    for (const link of links) {
        let url;
        try {
            url = new URL(link);
        } catch {
            continue;
        }
        const token = url.searchParams.get('token');
        if (token) recordSecret(LINK_TOKEN_KINDS[url.pathname] ?? `token of a mailed ${url.pathname} link`, token);
    }
}

/** Parses one .eml: {to, deliveredTo[], subject, text, html, links[]}. */
export function parseMail(raw) {
    const { headers, body } = splitHead(raw);
    const deliveredTo = [...raw.matchAll(/^Delivered-To: (.*)$/gim)].map((m) => m[1].trim());
    let text = '';
    let html = '';
    const type = headers['content-type'] ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
        for (const chunk of body.split('--' + boundary).slice(1)) {
            if (chunk.startsWith('--')) break;
            const part = splitHead(chunk.replace(/^\r?\n/, ''));
            const ptype = part.headers['content-type'] ?? '';
            const decoded = decodePart(part.headers, part.body);
            if (ptype.startsWith('text/plain')) text = decoded;
            else if (ptype.startsWith('text/html')) html = decoded;
        }
    } else {
        text = decodePart(headers, body);
    }
    const links = [...new Set([...(text + ' ' + html).matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&')))];
    recordLinkTokens(links);
    return { to: headers.to ?? '', deliveredTo, subject: decodeHeader(headers.subject ?? ''), text, html, links, headers };
}

/**
 * Waits for a message to `to` (a unique address per test: the sink is shared
 * by every test file) delivered after `after` (ms epoch), optionally whose
 * subject matches `subject` (RegExp). Returns the parsed message.
 */
export async function waitForMail(maildir, { to, subject, after = 0, timeoutMs = 20_000 } = {}) {
    assert.ok(maildir, 'COMPTOIR_TEST_MAILDIR is not set: run under scripts/run-tests (make test)');
    const deadline = Date.now() + timeoutMs;
    const seen = new Set();
    while (Date.now() < deadline) {
        const names = fs.readdirSync(maildir).filter((n) => n.endsWith('.eml')).sort();
        for (const name of names) {
            if (seen.has(name)) continue;
            const stamp = Number(name.split('-')[0]) / 1e6;
            if (stamp < after) {
                seen.add(name);
                continue;
            }
            const mail = parseMail(fs.readFileSync(path.join(maildir, name), 'utf8'));
            const recipients = [mail.to.toLowerCase(), ...mail.deliveredTo.map((d) => d.toLowerCase())];
            if (to && !recipients.some((r) => r.includes(to.toLowerCase()))) continue;
            if (subject && !subject.test(mail.subject)) continue;
            return mail;
        }
        await sleep(100);
    }
    throw new Error(`no mail to ${to} (subject ${subject}) within ${timeoutMs} ms`);
}

/** A fresh address no other test uses. */
export function uniqueEmail(prefix = 'user') {
    return `${prefix}-${crypto.randomBytes(5).toString('hex')}@example.test`;
}

/** Sends a multipart/form-data POST the way a browser's file form does. */
export async function postMultipart(client, target, fields, file, { origin = client.base } = {}) {
    const boundary = `----comptoirtest${Math.random().toString(16).slice(2)}`;
    const parts = [];
    for (const [name, value] of Object.entries(fields)) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (file) {
        parts.push(
            Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
                    `Content-Type: ${file.type}\r\n\r\n`,
            ),
            file.bytes,
            Buffer.from('\r\n'),
        );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const body = Buffer.concat(parts);
    const headers = {
        Cookie: client.cookieHeader(),
        'User-Agent': client.userAgent,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(body.length),
    };
    if (origin) headers.Origin = origin;
    const res = await request(client.base, target, { method: 'POST', headers, body });
    client.remember(res);
    res.location = res.headers.location;
    return res;
}
