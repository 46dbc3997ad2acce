// `make run` ends with scripts/run-demo: the demo portal with a local SMTP
// sink, so that a newcomer can read the e-mails the portal sends (a password
// reset here) in var/mail/. Ctrl-C (SIGINT) stops the server gracefully and
// the sink with it.
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT, assert, backends, seededDatabase, sleep, startServer, tempDir, test } from './lib.mjs';
import { Client } from './session-lib.mjs';

/** A TCP port nobody listens on right now. */
async function freePort() {
    const server = net.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}

const listening = (port) =>
    new Promise((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
            socket.destroy();
            resolve(true);
        });
        socket.on('error', () => resolve(false));
    });

test('make run: the demo portal delivers its e-mails to files, and Ctrl-C stops it and the sink', { timeout: 180_000 }, async () => {
    const { db } = await seededDatabase(backends().find((b) => b.name === 'sqlite'));
    const maildir = tempDir('comptoir-demo-mail-');
    const smtpPort = await freePort();
    const server = await startServer({
        db,
        launcher: path.join(REPO_ROOT, 'scripts/run-demo'),
        // No relay configured: the script starts its own sink.
        env: { COMPTOIR_SMTP_HOST: '', COMPTOIR_DEMO_SMTP_PORT: String(smtpPort), COMPTOIR_DEMO_MAILDIR: maildir },
    });
    assert.match(server.stderr(), new RegExp(`E-mails the portal sends are written to ${maildir}`));
    assert.ok(await listening(smtpPort), 'the sink listens');

    const visitor = new Client(server.url);
    await visitor.get('/password/forgot');
    const res = await visitor.post('/password/forgot', { email: 'lucas.bernard@boulangerie-martin.example' });
    assert.ok(res.status < 400, `password reset asked: ${res.status}`);
    let mail = '';
    for (let i = 0; i < 60 && !mail; i++) {
        const files = readdirSync(maildir).filter((f) => f.endsWith('.eml'));
        if (files.length) mail = readFileSync(path.join(maildir, files[0]), 'utf8');
        else await sleep(500);
    }
    assert.match(mail, /Delivered-To: lucas\.bernard@boulangerie-martin\.example/);
    assert.match(mail, /password\/reset\?token=|password\/reset\?/);

    server.signal('SIGINT');
    const exit = await server.waitExit();
    assert.equal(exit.code, 0, `graceful exit: ${JSON.stringify(exit)}\n${server.stderr()}`);
    assert.ok(!(await listening(smtpPort)), 'the sink stopped with the server');
});
