import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { PACKAGE_ROOT } from './builtPackage';

const run = promisify(execFile);

const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));
const normalised = (file: string) => readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();

/** The ESLint flags `npm run lint` sets for `n8n-node lint`. */
const LINT_FLAGS = /^ESLINT_FLAGS=(\S+) n8n-node lint$/.exec(manifest.scripts.lint)?.[1];

/** One line of Node code that the rules for shipped code forbid and any lint rejects. */
const PROBE = 'let count = 1;\nexport const total = count;\nconsole.log(total);\n';

/** The rules ESLint reports for PROBE as if it were the file `file`, with the given flags. */
async function rulesFor(file: string, flags: string | undefined): Promise<string[]> {
	// Without jest's NODE_ENV=test, which changes eslint-plugin-n8n-nodes-base's verdicts.
	const { ESLINT_FLAGS, NODE_ENV, ...env } = process.env;
	const child = run(
		path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'eslint'),
		['--format', 'json', '--stdin', '--stdin-filename', file],
		{ cwd: PACKAGE_ROOT, env: flags ? { ...env, ESLINT_FLAGS: flags } : env },
	);
	child.child.stdin?.end(PROBE);
	// ESLint exits 1 when it reports errors; its JSON is on stdout either way.
	const { stdout } = await child.catch((error: { stdout: string }) => ({ stdout: error.stdout }));
	const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null }> }>;
	return [...new Set(result.messages.map((message) => String(message.ruleId)))].sort();
}

describe('the lint layout', () => {
	it('is strict mode with n8n’s template eslint.config.mjs at the root', () => {
		expect(manifest.n8n.strict).toBe(true);
		const template = path.join(
			PACKAGE_ROOT,
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		);
		expect(normalised(path.join(PACKAGE_ROOT, 'eslint.config.mjs'))).toBe(normalised(template));
	});

	it('gives shipped code the template’s rules under `npm run lint`', async () => {
		expect(LINT_FLAGS).toBe('v10_config_lookup_from_file');
		expect(await rulesFor('nodes/GhlContacts/probe.ts', LINT_FLAGS)).toEqual([
			'no-console',
			'prefer-const',
		]);
	});

	it('gives each dev folder its own rules: Node code allowed, sloppy code not', async () => {
		for (const folder of ['sandbox', 'test', 'e2e', 'bench', 'scripts']) {
			expect(await rulesFor(`${folder}/probe.ts`, LINT_FLAGS)).toEqual(['prefer-const']);
		}
	});

	it('needs the flag: without it a dev folder gets the template’s rules for shipped code', async () => {
		expect(await rulesFor('test/probe.ts', undefined)).toEqual(['no-console', 'prefer-const']);
	});
});
