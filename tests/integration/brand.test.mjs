// What an operator relies on to make the portal theirs: brand settings and a
// theme directory that overrides templates and assets by path. Rendering does
// not depend on the database, so these run on SQLite only.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    after,
    assert,
    assertCleanExit,
    backends,
    before,
    describe,
    get,
    runCli,
    seededDatabase,
    startServer,
    stylesheetUrl,
    tempDir,
    test,
} from './lib.mjs';

const sqlite = backends().find((b) => b.name === 'sqlite');

function writeConfig(dir, toml) {
    const file = path.join(dir, 'comptoir.toml');
    writeFileSync(file, toml);
    return file;
}

function writeFile(root, relative, text) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
}

describe('brand settings and theme overrides', () => {
    let db;
    before(async () => {
        ({ db } = await seededDatabase(sqlite));
    });

    describe('brand name, colours and logo from comptoir.toml', () => {
        let server;
        before(async () => {
            const dir = tempDir();
            const config = writeConfig(
                dir,
                `[brand]\nname = "Lumière Énergie"\nprimary_color = "#aa3300"\naccent_color = "#005f73"\nlogo = "img/logo.svg"\n`,
            );
            server = await startServer({ db, env: { COMPTOIR_CONFIG: config } });
        });
        after(async () => assertCleanExit(await server.stop(), server));

        test('the brand name is in the title and the header', async () => {
            const page = await get(server.url, '/');
            assert.equal(page.status, 200);
            assert.match(page.body, /<title>[^<]*Lumière Énergie<\/title>/);
            assert.match(page.body, /<header[\s\S]*Lumière Énergie[\s\S]*<\/header>/);
        });

        test('the logo is served from its fingerprinted URL', async () => {
            const page = await get(server.url, '/');
            const logo = /<img[^>]+src="(\/static\/img\/logo\.[0-9a-f]+\.svg)"/.exec(page.body);
            assert.ok(logo, 'a fingerprinted logo image in the page');
            const asset = await get(server.url, logo[1]);
            assert.equal(asset.status, 200);
            assert.match(asset.headers['content-type'], /image\/svg\+xml/);
        });

        test('brand.css carries the configured colours as custom properties', async () => {
            const page = await get(server.url, '/');
            const href = /<link rel="stylesheet" href="(\/static\/css\/brand\.[0-9a-f]+\.css)"/.exec(page.body);
            assert.ok(href, 'brand.css linked from the page');
            const css = await get(server.url, href[1]);
            assert.equal(css.status, 200);
            assert.match(css.body, /--brand-primary:\s*#aa3300;/);
            assert.match(css.body, /--brand-accent:\s*#005f73;/);
        });
    });

    describe('a theme directory overrides templates and assets by path', () => {
        let server;
        const stylesheet = '/* operator stylesheet */ body { background: #fff; }\n';
        before(async () => {
            const theme = tempDir('comptoir-theme-');
            writeFile(
                theme,
                'templates/pages/home.tpl',
                '{{%AUTOESCAPE context="HTML"}}\n<h1>[[t:home.title]]</h1><p class="operator-home">Bienvenue chez nous</p>\n',
            );
            writeFile(theme, 'static/css/app.css', stylesheet);
            server = await startServer({ db, env: { COMPTOIR_THEME_DIR: theme } });
        });
        after(async () => assertCleanExit(await server.stop(), server));

        test('the overriding page template is rendered inside the default layout', async () => {
            const page = await get(server.url, '/', { 'Accept-Language': 'fr' });
            assert.equal(page.status, 200);
            assert.match(page.body, /<p class="operator-home">Bienvenue chez nous<\/p>/);
            assert.match(page.body, /<html lang="fr">/, 'layout and translations still come from the default theme');
        });

        test('templates the theme does not override still come from the default theme', async () => {
            const page = await get(server.url, '/search?q=facture');
            assert.equal(page.status, 200);
            assert.match(page.body, /name="q"/);
        });

        test('the overriding stylesheet is what app.css serves', async () => {
            const page = await get(server.url, '/');
            const css = await get(server.url, stylesheetUrl(page.body));
            assert.equal(css.status, 200);
            assert.equal(css.body, stylesheet);
        });
    });

    test('a theme template without the AUTOESCAPE pragma is refused at start-up, naming the file', async () => {
        const theme = tempDir('comptoir-theme-');
        writeFile(theme, 'templates/pages/home.tpl', '<h1>{{TITLE}}</h1>\n');
        const result = await runCli(['check-config'], {
            env: { COMPTOIR_DATABASE_URL: db.url, COMPTOIR_THEME_DIR: theme },
        });
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, /pages\/home\.tpl/);
        assert.match(result.stderr, /AUTOESCAPE/);
        const serve = await runCli(['serve'], {
            env: { COMPTOIR_DATABASE_URL: db.url, COMPTOIR_THEME_DIR: theme, COMPTOIR_LISTEN: '127.0.0.1:0' },
        });
        assert.notEqual(serve.code, 0, 'serve must not start with an unsafe template');
    });

    test('a logo that is not an asset of the theme is a config error naming brand.logo', async () => {
        const dir = tempDir();
        const config = writeConfig(dir, '[brand]\nlogo = "img/missing.svg"\n');
        const result = await runCli(['check-config'], { env: { COMPTOIR_DATABASE_URL: db.url, COMPTOIR_CONFIG: config } });
        assert.notEqual(result.code, 0);
        assert.match(result.stderr, /brand\.logo/);
    });
});
