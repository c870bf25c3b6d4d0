import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

/**
 * Every long-lived process the suite or the demo starts, by PID. Each runs in its own process
 * group (n8n starts task runners of its own), so stopping one stops its children too, and
 * nothing else on the machine is touched.
 */
const running = new Map<number, { name: string; child: ChildProcess }>();

export function startTracked(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions,
): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	if (child.pid === undefined) throw new Error(`${name} did not start`);
	const pid = child.pid;
	running.set(pid, { name, child });
	child.once('exit', () => running.delete(pid));
	return child;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

/** Stops one tracked process group: SIGTERM, then SIGKILL if it lingers. */
export async function stopTracked(child: ChildProcess, graceMs = 10_000): Promise<void> {
	const pid = child.pid;
	if (pid === undefined || !running.has(pid)) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	signalGroup(pid, 'SIGTERM');
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), graceMs);
	});
	if ((await Promise.race([exited, timeout])) === 'timeout') {
		signalGroup(pid, 'SIGKILL');
		await exited;
	}
	clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
	await Promise.all([...running.values()].map(({ child }) => stopTracked(child)));
}

/** On Ctrl-C, SIGTERM or an exit, whatever is still running is stopped. */
export function stopAllOnExit(onSignal?: () => Promise<void>, exitCode = 130): void {
	const stopNow = () => {
		for (const pid of running.keys()) signalGroup(pid, 'SIGKILL');
	};
	process.once('exit', stopNow);
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.log(
				`\n${signal}: stopping ${[...running.values()].map((p) => p.name).join(', ') || 'nothing'}`,
			);
			void (onSignal?.() ?? Promise.resolve()).then(stopAll).finally(() => process.exit(exitCode));
		});
	}
}

export interface CommandResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs a command to completion (tracked while it runs) and collects its output. */
export function runCommand(
	name: string,
	command: string,
	args: string[],
	{
		echoStderr = false,
		timeoutMs,
		...options
	}: SpawnOptions & { echoStderr?: boolean; timeoutMs?: number } = {},
): Promise<CommandResult> {
	return new Promise((resolve, reject) => {
		const child = startTracked(name, command, args, {
			...options,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		// A hung command (a node that never answers) fails its check instead of stalling the run.
		const timer =
			timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						err.push(Buffer.from(`\n${name} killed after ${timeoutMs} ms`));
						if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
					}, timeoutMs);
		child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => {
			err.push(chunk);
			// Progress of long installs, so a first run does not look stuck.
			if (echoStderr) process.stderr.write(chunk);
		});
		child.once('error', reject);
		child.once('close', (code) => {
			clearTimeout(timer);
			resolve({
				code: code ?? 1,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			});
		});
	});
}
