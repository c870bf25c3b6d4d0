import type { ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REPO_ROOT } from './install';
import { freePort } from './ports';
import { runCommand, startTracked, stopTracked } from './processes';
import { waitFor } from './rest';

/** A throwaway server on loopback: its port, and how to stop it and delete its files. */
export interface Service {
	port: number;
	stop(): Promise<void>;
}

let located: Promise<{ postgresBin: string; redisServer: string }> | undefined;

/**
 * Where the Debian packages put the servers (installed by e2e/install-services.sh if missing).
 * Asked once per process: Postgres and Redis start side by side, and two apt-get runs at once
 * fail on dpkg's lock.
 */
function serverPaths(): Promise<{ postgresBin: string; redisServer: string }> {
	located ??= locateServers();
	return located;
}

async function locateServers(): Promise<{ postgresBin: string; redisServer: string }> {
	const script = join(REPO_ROOT, 'e2e', 'install-services.sh');
	const result = await runCommand('install services', 'bash', [script], { echoStderr: true });
	if (result.code !== 0)
		throw new Error(`${script} failed (${result.code}):\n${result.stderr.slice(-1500)}`);
	const [postgresBin, redisServer] = result.stdout.trim().split('\n').slice(-2);
	return { postgresBin, redisServer };
}

/** PostgreSQL refuses to run as root; Debian's package made a `postgres` user for it. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
}

/** Stops the server, then deletes its folder (kept with E2E_KEEP=1, its log printed). */
function stopper(
	name: string,
	child: ChildProcess,
	folder: string,
	log: () => string,
): Service['stop'] {
	return async () => {
		await stopTracked(child);
		if (process.env.E2E_KEEP === '1')
			console.log(`  (kept ${folder}; ${name} log:\n${log().slice(-2000)})`);
		else rmSync(folder, { recursive: true, force: true });
	};
}

function captured(child: ChildProcess): () => string {
	let log = '';
	const keep = (chunk: Buffer) => (log = (log + chunk.toString('utf8')).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => log;
}

/**
 * A new PostgreSQL cluster in a temporary folder: user `n8n`, trust authentication on loopback
 * only, durability off (a test database is thrown away, and fsync would dominate its time).
 */
export async function startPostgres(): Promise<Service> {
	const { postgresBin } = await serverPaths();
	const folder = mkdtempSync(join(tmpdir(), 'ghl-e2e-postgres-'));
	if (process.getuid?.() === 0) {
		const { uid, gid } = await postgresIds();
		chownSync(folder, uid, gid);
	}
	const data = join(folder, 'data');
	const init = await runCommand(
		'initdb',
		...asPostgresUser(join(postgresBin, 'initdb'), [
			'-D',
			data,
			'-U',
			'n8n',
			'--auth=trust',
			'-E',
			'UTF8',
		]),
	);
	if (init.code !== 0) throw new Error(`initdb failed:\n${init.stderr.slice(-1500)}`);
	const port = await freePort();
	const child = startTracked(
		'postgres',
		...asPostgresUser(join(postgresBin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			folder,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		]),
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const log = captured(child);
	const stop = stopper('postgres', child, folder, log);
	try {
		await waitFor('postgres to accept connections', async () => {
			if (child.exitCode !== null) throw new Error(`postgres exited ${child.exitCode}:\n${log()}`);
			const ready = await runCommand('pg_isready', join(postgresBin, 'pg_isready'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'n8n',
			]);
			return ready.code === 0 ? true : undefined;
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
	const [uid, gid] = await Promise.all(
		['-u', '-g'].map(async (flag) =>
			Number((await runCommand('id', 'id', [flag, 'postgres'])).stdout.trim()),
		),
	);
	if (!Number.isInteger(uid) || !Number.isInteger(gid))
		throw new Error('no postgres user on this machine');
	return { uid, gid };
}

/** A Redis server that keeps nothing on disk. */
export async function startRedis(): Promise<Service> {
	const { redisServer } = await serverPaths();
	const folder = mkdtempSync(join(tmpdir(), 'ghl-e2e-redis-'));
	const port = await freePort();
	const child = startTracked(
		'redis-server',
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			folder,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const log = captured(child);
	const stop = stopper('redis', child, folder, log);
	try {
		await waitFor('redis to answer PING', async () => {
			if (child.exitCode !== null)
				throw new Error(`redis-server exited ${child.exitCode}:\n${log()}`);
			return (await redisPing(port)) ? true : undefined;
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
		socket.once('error', () => resolve(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (chunk) => (socket.end(), resolve(chunk.toString().startsWith('+PONG'))));
	});
}
