import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { PackageDirectoryLoader } from 'n8n-core';

import { PACKAGE_ROOT, requireBuild } from './builtPackage';

const run = promisify(execFile);

interface LintMessage {
	file: string;
	ruleId: string | null;
	message: string;
}

const RESTRICTED_IMPORTS = '@n8n/community-nodes/no-restricted-imports';
const RESTRICTED_GLOBALS = '@n8n/community-nodes/no-restricted-globals';

/** What shipped code may load at run time (decision in the shared README). */
const RUNTIME_MODULES = new Set(['n8n-workflow', 'luxon']);

/** Modules a compiled CommonJS file requires, other than its own files and RUNTIME_MODULES. */
function externalRequires(source: string): string[] {
	return [...source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)]
		.map((match) => match[1])
		.filter((module) => !module.startsWith('.') && !RUNTIME_MODULES.has(module));
}

async function cloudLint(directory: string, files: string[]): Promise<LintMessage[]> {
	const { stdout } = await run(
		process.execPath,
		[path.join(__dirname, 'cloudLint.mjs'), directory, ...files],
		{ cwd: PACKAGE_ROOT, maxBuffer: 16 * 1024 * 1024 },
	);
	return JSON.parse(stdout) as LintMessage[];
}

describe('the packed tarball', () => {
	let scratch: string;
	/** The extracted package, as npm would install it. */
	let unpacked: string;
	let files: string[];
	let manifest: {
		dependencies?: Record<string, string>;
		peerDependencies?: Record<string, string>;
		n8n: { nodes: string[]; credentials: string[] };
	};

	beforeAll(async () => {
		requireBuild();
		scratch = mkdtempSync(path.join(tmpdir(), 'ghl-pack-'));
		const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', scratch], {
			cwd: PACKAGE_ROOT,
		});
		const [packed] = JSON.parse(stdout) as Array<{
			filename: string;
			files: Array<{ path: string }>;
		}>;
		files = packed.files.map((file) => file.path).sort();
		await run('tar', ['-xzf', path.join(scratch, packed.filename), '-C', scratch]);
		unpacked = path.join(scratch, 'package');
		manifest = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	});

	afterAll(() => {
		if (scratch) rmSync(scratch, { recursive: true, force: true });
	});

	const shippedJs = () => files.filter((file) => file.endsWith('.js'));

	it('holds only dist/ plus the manifest, licence, readme and the empty legacy main', () => {
		const outsideDist = files.filter((file) => !file.startsWith('dist/'));
		expect(
			outsideDist.filter(
				(file) => !['README.md', 'LICENSE', 'package.json', 'index.js'].includes(file),
			),
		).toEqual([]);
		expect(outsideDist).toEqual(
			expect.arrayContaining(['README.md', 'LICENSE', 'package.json', 'index.js']),
		);
	});

	it('ships no TypeScript sources, dev-only code or build leftovers', () => {
		const devOnly = /(^|\/)(test|sandbox|scripts|e2e|bench|examples|node_modules)\//;
		expect(files.filter((file) => devOnly.test(file))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.tsbuildinfo'))).toEqual([]);
		// Declarations and source maps only ever accompany shipped JavaScript.
		const orphans = files
			.filter((file) => file.endsWith('.d.ts') || file.endsWith('.js.map'))
			.filter((file) => !files.includes(file.replace(/\.d\.ts$|\.js\.map$/, '.js')));
		expect(orphans).toEqual([]);
	});

	it('keeps index.js free of code', () => {
		const source = readFileSync(path.join(unpacked, 'index.js'), 'utf8');
		expect(
			source
				.replace(/\/\/.*$/gm, '')
				.replace(/\/\*[\s\S]*?\*\//g, '')
				.trim(),
		).toBe('');
	});

	it('declares no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('registers exactly the node and credential files it ships', () => {
		expect([...manifest.n8n.nodes].sort()).toEqual(
			files.filter((file) => file.endsWith('.node.js')),
		);
		expect([...manifest.n8n.credentials].sort()).toEqual(
			files.filter((file) => file.endsWith('.credentials.js')),
		);
		expect(manifest.n8n.credentials.length).toBeGreaterThan(0);
	});

	it('loads in n8n-core’s package loader, with every icon it names inside the tarball', async () => {
		// Installed, the package sits beside n8n's node_modules, where n8n-workflow resolves.
		symlinkSync(path.join(PACKAGE_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
		const loader = new PackageDirectoryLoader(unpacked);
		await loader.loadAll();
		const described = [...loader.types.nodes, ...loader.types.credentials];
		expect(loader.types.credentials.map((type) => type.name).sort()).toEqual([
			'ghlApi',
			'ghlOAuth2Api',
		]);
		expect(loader.types.nodes).toHaveLength(manifest.n8n.nodes.length);

		// The loader turns each `file:` icon into `icons/<package>/<path inside the package>`.
		const prefix = `icons/${loader.packageName}/`;
		const icons = described.flatMap(({ iconUrl }) =>
			typeof iconUrl === 'object' ? [iconUrl.light, iconUrl.dark] : [iconUrl],
		);
		expect(icons.every((icon) => typeof icon === 'string' && icon.startsWith(prefix))).toBe(true);
		expect(
			icons
				.map((icon) => String(icon).slice(prefix.length))
				.filter((icon) => !files.includes(icon)),
		).toEqual([]);
		expect(files).toEqual(
			expect.arrayContaining(['dist/icons/ghl.svg', 'dist/icons/ghl.dark.svg']),
		);
	});

	it('passes n8n’s cloud rules on every shipped .js file', async () => {
		expect(await cloudLint(unpacked, shippedJs())).toEqual([]);
	});

	it('loads nothing at run time but n8n-workflow, luxon and its own files', () => {
		// The cloud rule also lets through anything listed in devDependencies (n8n-core, ajv, ...),
		// which is not installed where the package runs.
		const external = shippedJs().flatMap((file) =>
			externalRequires(readFileSync(path.join(unpacked, file), 'utf8')).map(
				(module) => `${file}: ${module}`,
			),
		);
		expect(external).toEqual([]);
	});
});

describe('the checks themselves', () => {
	it('find a compiled require of a dev-only package, which the cloud rule lets through', () => {
		const compiled = [
			'const n8n_workflow_1 = require("n8n-workflow");',
			'const luxon_1 = require("luxon");',
			'const transport_1 = require("../shared/transport");',
			'const n8n_core_1 = require("n8n-core");',
		].join('\n');
		expect(externalRequires(compiled)).toEqual(['n8n-core']);
	});

	it('reports process.env and require("fs") in a generated file', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'ghl-lint-'));
		try {
			writeFileSync(
				path.join(directory, 'Bad.node.js'),
				[
					'"use strict";',
					'// eslint-disable-next-line -- inline config must be ignored, as the scanner does',
					'const fs = require("fs");',
					'exports.read = () => fs.readFileSync(process.env.SECRET_FILE);',
				].join('\n'),
			);
			const messages = await cloudLint(directory, ['Bad.node.js']);
			expect(messages.map((message) => message.ruleId).sort()).toEqual([
				RESTRICTED_GLOBALS,
				RESTRICTED_IMPORTS,
			]);
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	});
});
