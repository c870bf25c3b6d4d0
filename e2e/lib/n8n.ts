import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nHost } from './install';
import { freePort } from './ports';
import { runCommand, startTracked, stopTracked } from './processes';
import type { CommandResult } from './processes';

/** Fixed so that credentials imported in one command decrypt in the next, and in the server. */
const ENCRYPTION_KEY = 'ghl-contacts-e2e-encryption-key-0001';

/** Generous: a command takes 3–6 s, plus migrations on the first one. */
const CLI_TIMEOUT_MS = 120_000;

/** What `n8n execute --rawOutput` prints after its startup lines. */
export interface ExecutionRun {
	status?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
			error?: { message?: string; description?: string };
			lastNodeExecuted?: string;
		};
	};
}

export interface Execution extends CommandResult {
	run?: ExecutionRun;
}

/**
 * What an n8n process runs as: the main instance (`n8n start`: editor, REST, triggers), or in
 * queue mode a worker (`n8n worker`: executions from Redis) or a webhook processor (`n8n webhook`).
 */
export type N8nRole = 'start' | 'worker' | 'webhook';

/** One n8n process: a fresh user folder on a pinned host, driven by its CLI and its server. */
export class N8n {
	readonly userFolder = mkdtempSync(join(tmpdir(), 'ghl-e2e-n8n-'));
	private server?: ChildProcess;
	private serverLog = '';

	/**
	 * `port` is where the process answers: the editor and webhooks for the main instance and a
	 * webhook processor, the health check for a worker. `settings` are extra environment
	 * variables (queue mode: database, Redis).
	 */
	constructor(
		readonly host: N8nHost,
		readonly port: number,
		private readonly settings: Record<string, string> = {},
		readonly role: N8nRole = 'start',
	) {}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get major(): number {
		return this.host.name === 'n8n-2' ? 2 : 1;
	}

	private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const path = this.host.nodeBin ? `${this.host.nodeBin}:${process.env.PATH}` : process.env.PATH;
		return {
			...process.env,
			PATH: path,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: this.url,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			SCARF_ANALYTICS: 'false',
			// 1.x runs Code nodes in-process; 2.x always has a runner (its broker port is set per process).
			...(this.major === 1 ? { N8N_RUNNERS_ENABLED: 'false' } : {}),
			...(this.role === 'worker'
				? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port) }
				: {}),
			...this.settings,
			...extra,
		};
	}

	private get bin(): string {
		return join(this.host.dir, 'node_modules', '.bin', 'n8n');
	}

	/** A CLI command; on 2.x its task broker gets a port of its own, so it can run next to the server. */
	async cli(
		args: string[],
		{
			env = {},
			timeoutMs = CLI_TIMEOUT_MS,
		}: { env?: Record<string, string>; timeoutMs?: number } = {},
	): Promise<CommandResult> {
		const brokerPort = String(await freePort());
		return runCommand(`n8n ${args[0]}`, this.bin, args, {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
			timeoutMs,
		});
	}

	private async cliOrThrow(args: string[]): Promise<CommandResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited ${result.code}:\n${(result.stderr || result.stdout).slice(-1500)}`,
			);
		}
		return result;
	}

	private writeJson(name: string, value: unknown): string {
		const file = join(this.userFolder, name);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/** Imports credentials with plain `data`: n8n encrypts it with the instance key. */
	async importCredentials(credentials: object[]): Promise<void> {
		await this.cliOrThrow([
			'import:credentials',
			`--input=${this.writeJson('credentials.json', credentials)}`,
		]);
	}

	/** Imports workflows keeping their ids. */
	async importWorkflows(workflows: object[]): Promise<void> {
		await this.cliOrThrow([
			'import:workflow',
			`--input=${this.writeJson('workflows.json', workflows)}`,
		]);
	}

	async execute(workflowId: string): Promise<Execution> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ...result, run: parseRun(result.stdout) };
	}

	async exportCredential(id: string): Promise<Record<string, unknown>> {
		const result = await this.cliOrThrow(['export:credentials', `--id=${id}`, '--decrypted']);
		const [credential] = JSON.parse(jsonBlock(result.stdout, '[')) as Array<{
			data: Record<string, unknown>;
		}>;
		return credential.data;
	}

	/** The process in the background (`n8n <role> [args]`); resolves once it answers as ready. */
	async start(timeoutMs = 60_000, args: string[] = []): Promise<void> {
		const brokerPort = String(await freePort());
		const child = startTracked(`n8n ${this.role}`, this.bin, [this.role, ...args], {
			env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.server = child;
		const keep = (chunk: Buffer) => {
			this.serverLog = (this.serverLog + chunk.toString('utf8')).slice(-20_000);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		const deadline = Date.now() + timeoutMs;
		// /healthz answers while n8n still registers its routes; the settings route comes with them.
		const ready = async () =>
			(await fetch(this.url + '/healthz/readiness')).ok &&
			(this.role !== 'start' || (await fetch(this.url + '/rest/settings')).ok);
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n ${this.role} exited ${child.exitCode}:\n${this.serverLog}`);
			try {
				if (await ready()) return;
			} catch {
				// Not listening yet.
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(
			`n8n did not become ready within ${timeoutMs} ms:\n${this.serverLog.slice(-3000)}`,
		);
	}

	get log(): string {
		return this.serverLog;
	}

	async stop(): Promise<void> {
		if (this.server) await stopTracked(this.server);
		this.server = undefined;
	}

	/** Stops the server and deletes the user folder (kept with E2E_KEEP=1, for a post-mortem). */
	async dispose(): Promise<void> {
		await this.stop();
		if (process.env.E2E_KEEP === '1') console.log(`  (kept ${this.userFolder})`);
		else rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * 2.x prints startup lines before the JSON, and a failed run prints a banner and the error first;
 * the JSON runs from the first line that opens with `open` to the last line ending with its closer.
 */
function jsonBlock(stdout: string, open: '{' | '['): string {
	const close = open === '{' ? '}' : ']';
	const lines = stdout.split('\n');
	const first = lines.findIndex((line) => line.startsWith(open));
	const last = lines.map((line) => line.trimEnd().endsWith(close)).lastIndexOf(true);
	if (first < 0 || last < first)
		throw new Error(`no JSON in the output:\n${stdout.slice(0, 1500)}`);
	return lines.slice(first, last + 1).join('\n');
}

function parseRun(stdout: string): ExecutionRun | undefined {
	try {
		return JSON.parse(jsonBlock(stdout, '{')) as ExecutionRun;
	} catch {
		return undefined;
	}
}

/**
 * The run data of an execution read over REST. n8n stores it in its "flatted" form, which the
 * host's own copy of flatted reads; it holds the run data itself (`resultData` at the top), not
 * the CLI's `{ data }` wrapper.
 */
export function storedRun(host: N8nHost, stored: string): ExecutionRun {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
	const flatted = require(join(host.dir, 'node_modules', 'flatted')) as {
		parse(text: string): unknown;
	};
	const parsed = flatted.parse(stored) as Record<string, unknown>;
	const data = ('resultData' in parsed ? parsed : parsed.data) as ExecutionRun['data'] | undefined;
	if (!data?.resultData)
		throw new Error(`unexpected execution data: ${Object.keys(parsed).join(', ')}`);
	return { data };
}

/** The items a node output on its first output, across its runs. */
export function nodeItems(
	run: ExecutionRun | undefined,
	node: string,
): Array<Record<string, unknown>> {
	const runs = run?.data.resultData.runData[node] ?? [];
	return runs.flatMap((r) => (r.data?.main[0] ?? []).map((item) => item.json));
}
