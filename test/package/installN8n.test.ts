import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * e2e/install-n8n.sh against a cache laid out by hand: a host folder marked ready whose sqlite3
 * cannot load, as in caches filled before the installer built native modules on purpose. The
 * stand-in sqlite3 package has the real one's shape (its binding is made by its install script),
 * so the installer's own logic runs without a compiler; the real build is proven by the real-n8n
 * layer, which installs every host from an empty cache when CI=true.
 */
const REPO = resolve(__dirname, '..', '..');
const SCRIPT = join(REPO, 'e2e', 'install-n8n.sh');
const HOST = 'n8n-1';

const lockHash = createHash('sha256')
	.update(readFileSync(join(REPO, 'e2e', 'hosts', HOST, 'package-lock.json')))
	.digest('hex')
	.slice(0, 12);

/** A binding that behaves like sqlite3's for the one query e2e/host-natives.js makes. */
const WORKING_BINDING = `
exports.Database = class {
	get(sql, callback) { callback(null, { answer: 42 }); }
	close() {}
};`;

function hostWithBrokenSqlite(cache: string, installScript: string): string {
	const target = join(cache, `${HOST}-${lockHash}`);
	const sqlite = join(target, 'node_modules', 'sqlite3');
	mkdirSync(sqlite, { recursive: true });
	writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'host', private: true }));
	writeFileSync(
		join(sqlite, 'package.json'),
		JSON.stringify({ name: 'sqlite3', version: '5.1.7', scripts: { install: installScript } }),
	);
	writeFileSync(join(sqlite, 'index.js'), "module.exports = require('./build/binding.js');");
	writeFileSync(join(target, '.ready'), '');
	return target;
}

function runInstaller(cache: string) {
	// As under `npm test`: npm hands the project's ignore-scripts=true to every child.
	return spawnSync('bash', [SCRIPT, HOST], {
		encoding: 'utf8',
		env: { ...process.env, GHL_E2E_CACHE: cache, npm_config_ignore_scripts: 'true' },
		timeout: 120_000,
	});
}

describe('e2e/install-n8n.sh: a host marked ready is checked on every use', () => {
	let cache: string;
	beforeEach(() => {
		cache = mkdtempSync(join(tmpdir(), 'ghl-install-test-'));
	});
	afterEach(() => rmSync(cache, { recursive: true, force: true }));

	it('rebuilds a ready host whose sqlite3 does not load, with install scripts forced on', () => {
		const makeBinding = `node -e "require('fs').mkdirSync('build');require('fs').writeFileSync('build/binding.js', process.argv[1])" '${WORKING_BINDING.replace(/\n/g, ' ')}'`;
		const target = hostWithBrokenSqlite(cache, makeBinding);

		const run = runInstaller(cache);

		expect(run.stderr).toContain('sqlite3: Cannot find module');
		expect(run.stderr).toContain('is marked ready but its native modules do not load');
		expect(run.stderr).toContain('native modules work in');
		expect(run.status).toBe(0);
		expect(run.stdout.trim()).toBe(target);
		expect(existsSync(join(target, 'node_modules', 'sqlite3', 'build', 'binding.js'))).toBe(true);
	});

	it('stops with the cause and the fix when a rebuild does not make sqlite3 load', () => {
		hostWithBrokenSqlite(cache, 'node -e "process.exit(0)"');

		const run = runInstaller(cache);

		expect(run.status).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('the native modules still do not load after a rebuild');
		expect(run.stderr).toContain('apt-get install -y python3 make g++');
		expect(run.stderr).toContain(`bash e2e/install-n8n.sh ${HOST}`);
	});

	it('uses a ready host whose native modules work without touching it', () => {
		const target = hostWithBrokenSqlite(cache, 'node -e "process.exit(3)"');
		const sqlite = join(target, 'node_modules', 'sqlite3');
		mkdirSync(join(sqlite, 'build'));
		writeFileSync(join(sqlite, 'build', 'binding.js'), WORKING_BINDING);

		const run = runInstaller(cache);

		expect(run.status).toBe(0);
		expect(run.stdout.trim()).toBe(target);
		expect(run.stderr).not.toContain('rebuilding');
	});
});
