import { existsSync } from 'node:fs';

import { runCommand } from './processes';

const EXECUTABLE = '/usr/bin/chromium';

/**
 * Debian's Chromium, as the project's browser scripts launch it. Without the background-networking
 * flags it dials Google hosts, which this machine refuses; `--disable-quic` keeps it on plain HTTP
 * to loopback.
 */
export const CHROMIUM_LAUNCH = {
	executablePath: EXECUTABLE,
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	],
};

/**
 * A new machine has no browser, and playwright-core cannot download one here: Debian's package is
 * installed when missing (as root; anyone else is told the command).
 */
export async function ensureChromium(step: (text: string) => void): Promise<void> {
	if (existsSync(EXECUTABLE)) return;
	const fix = 'apt-get update && apt-get install -y --no-install-recommends chromium';
	if (process.getuid?.() !== 0) throw new Error(`${EXECUTABLE} is missing: run \`sudo ${fix}\``);
	step(`installing Debian's chromium (${EXECUTABLE} is missing: about a minute)`);
	const result = await runCommand('apt-get install chromium', 'bash', ['-c', fix], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeoutMs: 15 * 60_000,
	});
	if (result.code !== 0 || !existsSync(EXECUTABLE)) {
		throw new Error(`\`${fix}\` failed (${result.code}):\n${result.stderr.slice(-1500)}`);
	}
}
