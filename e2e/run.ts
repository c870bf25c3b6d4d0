import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cliPhase } from './phases/cli';
import { demoPhase } from './phases/demo';
import { queuePhase } from './phases/queue';
import { serverPhase } from './phases/server';
import { buildAndPack, installHost } from './lib/install';
import type { HostName } from './lib/install';
import { PhaseAborted, Report } from './lib/report';
import { stopAll, stopAllOnExit } from './lib/processes';

const PHASES = ['demo', 'cli', 'server', 'queue'] as const;
type Phase = (typeof PHASES)[number];

function phaseName(value: string | undefined): Phase {
	const phase = PHASES.find((p) => p === value);
	if (!phase) throw new Error(`--phase takes ${PHASES.join(' or ')}, not ${value}`);
	return phase;
}

/**
 * `npm run test:e2e [-- --host n8n-2] [--phase server] [--no-build] [--port 5678]`: the package
 * inside real n8n, installed as users install it: `npm run demo` once, then the CLI and server
 * phases on every host, and queue mode on n8n 2.x.
 */
function parseArgs(argv: string[]) {
	const hosts: HostName[] = [];
	const phases: Phase[] = [];
	let build = true;
	let port = Number(process.env.E2E_N8N_PORT ?? 5678);
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--host') hosts.push(argv[++i] as HostName);
		else if (argv[i] === '--phase') phases.push(phaseName(argv[++i]));
		else if (argv[i] === '--no-build') build = false;
		else if (argv[i] === '--port') port = Number(argv[++i]);
		else throw new Error(`unknown option ${argv[i]}`);
	}
	return {
		hosts: hosts.length > 0 ? hosts : (['n8n-2', 'n8n-1'] as HostName[]),
		phases: phases.length > 0 ? phases : PHASES,
		build,
		port,
	};
}

async function main(): Promise<void> {
	stopAllOnExit();
	const { hosts, phases, build, port } = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const report = new Report();
	const packDir = mkdtempSync(join(tmpdir(), 'ghl-e2e-pack-'));
	const tarball = await report.check(
		build ? 'the package builds and packs' : 'the package packs',
		() => buildAndPack(packDir, build),
	);
	if (phases.includes('demo') && hosts.includes('n8n-2')) await demoPhase(report);
	for (const name of hosts) {
		if (!tarball) break;
		try {
			const host = await report.must(`${name} is installed`, () => installHost(name));
			if (phases.includes('cli')) await cliPhase(report, host, tarball);
			if (phases.includes('server')) await serverPhase(report, host, tarball, port);
			// Queue mode on the current major only: Postgres, Redis and five n8n processes.
			if (phases.includes('queue') && name === 'n8n-2') await queuePhase(report, host, tarball);
		} catch (error) {
			if (!(error instanceof PhaseAborted)) report.fail(`${name}: the phase crashed`, error);
		}
	}
	rmSync(packDir, { recursive: true, force: true });
	await stopAll();
	console.log(`\n(${Math.round((Date.now() - started) / 1000)} s)`);
	console.log(report.summary());
	process.exit(report.ok ? 0 : 1);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
