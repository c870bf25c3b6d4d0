import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { DEMO_CONTACT_EMAIL } from '../fixtures';
import { assert } from '../lib/expect';
import { REPO_ROOT } from '../lib/install';
import { runCommand } from '../lib/processes';
import type { Report } from '../lib/report';

const packFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('ghl-demo-pack-'));

/**
 * The README's first command as a newcomer runs it: `npm run demo` under npm (so with npm's
 * settings handed down, as on a new machine), in CI mode. Run first, it is also what installs
 * n8n 2.x into the cache, which is empty when CI=true.
 */
export async function demoPhase(report: Report): Promise<void> {
	report.section('npm run demo');
	const packsBefore = packFolders().length;
	const run = await report.check('npm run demo -- --ci exits 0', async () => {
		const result = await runCommand('npm run demo', 'npm', ['run', 'demo', '--', '--ci'], {
			cwd: REPO_ROOT,
			env: process.env,
			echoStderr: true,
			timeoutMs: 30 * 60_000,
		});
		assert(
			result.code === 0,
			`exit ${result.code}:\n${(result.stdout + result.stderr).slice(-3000)}`,
		);
		return result;
	});
	if (!run) return;
	await report.check('it prints the enrich example’s contact with its activity', () => {
		const start = run.stdout.indexOf('\n{');
		const end = run.stdout.indexOf('\n}', start);
		assert(start >= 0 && end > start, `no contact in the output:\n${run.stdout.slice(-2000)}`);
		const contact = JSON.parse(run.stdout.slice(start + 1, end + 2)) as Record<string, unknown>;
		assert(contact.email === DEMO_CONTACT_EMAIL, `printed ${String(contact.email)}`);
		for (const key of ['tasks', 'notes', 'appointments']) {
			assert(Array.isArray(contact[key]) && (contact[key] as unknown[]).length > 0, `no ${key}`);
		}
	});
	await report.check('it leaves no pack folder in the temp folder', () => {
		assert(packFolders().length <= packsBefore, `ghl-demo-pack-* left in ${tmpdir()}`);
	});
}
