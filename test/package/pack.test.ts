import { execFile } from 'node:child_process';
import {
	appendFileSync,
	cpSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { PackageDirectoryLoader } from 'n8n-core';

import { PACKAGE_ROOT, requireBuild } from './builtPackage';

const run = promisify(execFile);

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
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

/**
 * The lint step of n8n's scanner (test/package/scan.mjs) on one leg: `source` lints package.json,
 * nodes/** and credentials/**, `tarball` every .js file and package.json.
 */
async function scan(directory: string, leg: 'source' | 'tarball'): Promise<ScanResult> {
	// The scanner makes a temporary folder when it loads; this one takes it and goes with it.
	const scratch = mkdtempSync(path.join(tmpdir(), 'ghl-scan-'));
	// jest sets NODE_ENV=test, under which eslint-plugin-n8n-nodes-base reads every file as one of
	// its own fixtures (wrong file names, every node a trigger); the scanner runs without it.
	const { NODE_ENV, ...env } = process.env;
	try {
		const { stdout } = await run(
			process.execPath,
			[path.join(__dirname, 'scan.mjs'), directory, leg],
			{ cwd: PACKAGE_ROOT, env: { ...env, TMPDIR: scratch }, maxBuffer: 16 * 1024 * 1024 },
		);
		return JSON.parse(stdout) as ScanResult;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/** The rule of every finding in the scanner's report (ESLint's stylish format). */
function findings(result: ScanResult): string[] {
	return [...(result.details ?? '').matchAll(/^\s+\d+:\d+\s+(?:error|warning)\s+.*\s(\S+)$/gm)]
		.map((match) => match[1])
		.sort();
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

	it('passes n8n’s scanner on every shipped .js file and the manifest', async () => {
		// `{ passed: true }` alone: the scanner passes with a message when it finds nothing to lint.
		expect(await scan(unpacked, 'tarball')).toEqual({ passed: true });
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

	it('report process.env and require("fs") in a shipped file, disable comment or not', async () => {
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
			const result = await scan(directory, 'tarball');
			expect(result.passed).toBe(false);
			expect(findings(result)).toEqual([RESTRICTED_GLOBALS, RESTRICTED_IMPORTS]);
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	});

	it('report a console call in a copy of the source, disable comment or not', async () => {
		const copy = mkdtempSync(path.join(tmpdir(), 'ghl-source-'));
		try {
			for (const entry of ['package.json', 'nodes', 'credentials', 'icons']) {
				cpSync(path.join(PACKAGE_ROOT, entry), path.join(copy, entry), { recursive: true });
			}
			appendFileSync(
				path.join(copy, 'nodes', 'GhlContacts', 'GhlContacts.node.ts'),
				'// eslint-disable-next-line no-console\nconsole.log("debug");\n',
			);
			const result = await scan(copy, 'source');
			expect(result.passed).toBe(false);
			// The one finding is the added line: the rest of the copy is as clean as the tree.
			expect(findings(result)).toEqual(['no-console']);
		} finally {
			rmSync(copy, { recursive: true, force: true });
		}
	});
});

describe('the source tree', () => {
	it('passes n8n’s scanner on package.json, nodes/** and credentials/**', async () => {
		expect(await scan(PACKAGE_ROOT, 'source')).toEqual({ passed: true });
	});
});
