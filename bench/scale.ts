import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import type { N8n } from '../e2e/lib/n8n';
import type { CommandResult } from '../e2e/lib/processes';
import type { SandboxClient } from '../e2e/lib/sandboxClient';
import { chain, GHL_NODE_TYPE, type WorkflowJson } from '../e2e/workflowBuilder';

/**
 * Return All at scale: 50,000 contacts read page after page (a Limit) and in date ranges at
 * once (Return All), at GHL's usual answer time and at the 1.5 s large search pages take on the
 * real API; and two processes reading at once on one token.
 */
export const SCALE_CONTACTS = 50_000;
export const SCALE_CREDENTIAL = {
	id: 'benchPitScale001',
	name: 'GHL Contacts (token, 50,000 contacts)',
	type: 'ghlApi',
} as const;
const MEASURED = 'Measured';
/** GHL's burst budget, per second: the floor of a read is its requests at this rate. */
const LIMIT_PER_SECOND = 10;
/** A page-after-page read at 1.5 s a page takes about 160 s; the e2e CLI default stops at 120 s. */
const RUN_TIMEOUT_MS = 600_000;

export interface ScaleRow {
	key: string;
	title: string;
	latencyMs: number;
	read: 'page after page (Limit)' | 'date ranges at once (Return All)';
	simplify: boolean;
	/** Executions started at the same moment, each in its own n8n process. */
	processes: number;
	/** Contacts the row reads (a Limit); all of them when absent. */
	contacts?: number;
}

export const SCALE_ROWS: ScaleRow[] = [
	{ latencyMs: 300, read: 'page after page (Limit)', simplify: true },
	{ latencyMs: 300, read: 'date ranges at once (Return All)', simplify: true },
	{ latencyMs: 300, read: 'date ranges at once (Return All)', simplify: false },
	{ latencyMs: 1500, read: 'page after page (Limit)', simplify: true },
	{ latencyMs: 1500, read: 'date ranges at once (Return All)', simplify: true },
].map((row, i) => ({
	...(row as Omit<ScaleRow, 'key' | 'title' | 'processes'>),
	key: `Scale${i}`,
	title: `${SCALE_CONTACTS.toLocaleString('en')} contacts, ${row.latencyMs} ms, Simplify ${row.simplify ? 'on' : 'off'}`,
	processes: 1,
}));

/** n8n's own memory: the same workflow reading one page, to subtract from the rows above. */
export const BASELINE: ScaleRow = {
	key: 'ScaleBase',
	title: '500 contacts (n8n alone, for the memory per 10,000)',
	latencyMs: 300,
	read: 'page after page (Limit)',
	simplify: false,
	processes: 1,
	contacts: 500,
};

export const TWO_PROCESSES: ScaleRow = {
	key: 'ScaleTwo',
	title: `${SCALE_CONTACTS.toLocaleString('en')} contacts twice at once, 300 ms`,
	latencyMs: 300,
	read: 'date ranges at once (Return All)',
	simplify: true,
	processes: 2,
};

export function scaleWorkflow(row: ScaleRow): WorkflowJson {
	const id = `bench${row.key}`.padEnd(16, '0');
	const read =
		row.read === 'page after page (Limit)'
			? { returnAll: false, limit: row.contacts ?? SCALE_CONTACTS }
			: { returnAll: true };
	return chain(id, `Bench ${row.title} (${row.read})`, [
		{
			name: MEASURED,
			type: GHL_NODE_TYPE,
			typeVersion: 1,
			onError: 'continueRegularOutput',
			parameters: {
				authentication: 'privateIntegrationToken',
				resource: 'contact',
				operation: 'getAll',
				simple: row.simplify,
				...read,
			},
			credentials: { ghlApi: { id: SCALE_CREDENTIAL.id, name: SCALE_CREDENTIAL.name } },
		},
	] as never);
}

export interface ScaleResult {
	requests: number;
	refused: number;
	nodeMs: number;
	wallMs: number;
	itemsOut: number;
	itemsFailed: number;
	duplicates: number;
	/** A digest of the ids in output order: equal digests, equal order. */
	order: string;
	peakRssMb?: number;
	error?: string;
}

/**
 * Preloaded into every Node process the bench starts (NODE_OPTIONS): the `n8n execute` process
 * appends its peak resident memory to a file as it exits.
 */
function rssProbe(dir: string): { file: string; env: Record<string, string> } {
	const file = join(dir, 'rss.jsonl');
	const script = join(dir, 'rss-probe.js');
	writeFileSync(
		script,
		`process.on('exit', () => {
	if (!process.argv.includes('execute')) return;
	const id = (process.argv.find((a) => a.startsWith('--id=')) || '').slice(5);
	require('fs').appendFileSync(${JSON.stringify(file)}, JSON.stringify({ id, pid: process.pid, maxRssKb: process.resourceUsage().maxRSS }) + '\\n');
});
`,
	);
	return { file, env: { NODE_OPTIONS: `--require ${script}` } };
}

function peakRssMb(file: string, workflowId: string): number | undefined {
	let lines: string[];
	try {
		lines = readFileSync(file, 'utf8').trim().split('\n');
	} catch {
		return undefined;
	}
	const peaks = lines
		.map((line) => JSON.parse(line) as { id: string; maxRssKb: number })
		.filter((entry) => entry.id === workflowId)
		.map((entry) => entry.maxRssKb / 1024);
	return peaks.length > 0 ? Math.max(...peaks) : undefined;
}

/** The measured node's items as n8n stored the execution (its SQLite database), not stdout. */
function storedItems(
	n8n: N8n,
	workflowId: string,
): Omit<ScaleResult, 'requests' | 'refused' | 'wallMs' | 'peakRssMb'> {
	const script = `
const { DatabaseSync } = require('node:sqlite');
const flatted = require(process.env.FLATTED);
const db = new DatabaseSync(process.env.DB, { readOnly: true });
const row = db.prepare('SELECT d.data AS data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = ? ORDER BY e.id DESC LIMIT 1').get(process.env.WF);
if (!row) { console.log(JSON.stringify({ error: 'no stored execution' })); process.exit(0); }
const parsed = flatted.parse(row.data);
const data = 'resultData' in parsed ? parsed : parsed.data;
const runs = data.resultData.runData[process.env.NODE_NAME] || [];
const ids = [];
let failed = 0, ms = 0, error = data.resultData.error && data.resultData.error.message;
for (const run of runs) {
	ms += run.executionTime || 0;
	for (const item of (run.data && run.data.main && run.data.main[0]) || []) {
		if (item.json && 'error' in item.json) { failed++; error = error || String(item.json.error); }
		else ids.push(String(item.json.id));
	}
}
const order = require('crypto').createHash('sha1').update(ids.join(',')).digest('hex').slice(0, 12);
console.log(JSON.stringify({ itemsOut: ids.length, itemsFailed: failed, duplicates: ids.length - new Set(ids).size, nodeMs: ms, order, error }));
`;
	const node = n8n.host.nodeBin ? join(n8n.host.nodeBin, 'node') : process.execPath;
	const output = execFileSync(node, ['--no-warnings', '-e', script], {
		encoding: 'utf8',
		maxBuffer: 64 * 2 ** 20,
		env: {
			...process.env,
			NODE_OPTIONS: '',
			DB: join(n8n.userFolder, '.n8n', 'database.sqlite'),
			FLATTED: join(n8n.host.dir, 'node_modules', 'flatted'),
			WF: workflowId,
			NODE_NAME: MEASURED,
		},
	});
	return {
		itemsOut: 0,
		itemsFailed: 0,
		duplicates: 0,
		nodeMs: 0,
		order: '',
		...JSON.parse(output),
	};
}

/** `n8n execute` with a timeout of its own (the e2e CLI's 120 s is shorter than the slowest row). */
async function execute(
	n8n: N8n,
	workflowId: string,
	env: Record<string, string>,
): Promise<CommandResult> {
	return await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
		env,
		timeoutMs: RUN_TIMEOUT_MS,
	});
}

/**
 * Runs one scale row: the latency set, a full rate-limit window, then `processes` executions of
 * the row's workflow at once (the second and later on their own n8n instances).
 */
export async function measureScale(
	instances: N8n[],
	client: SandboxClient,
	row: ScaleRow,
	windowMs: number,
): Promise<ScaleResult[]> {
	await client.control('PUT', '/config', { latency: { fixedMs: row.latencyMs, randomMs: 0 } });
	await client.control('POST', '/clock', { advanceMs: windowMs });
	await client.clearLog();
	const dir = mkdtempSync(join(os.tmpdir(), 'ghl-bench-rss-'));
	try {
		const probe = rssProbe(dir);
		const id = scaleWorkflow(row).id;
		const runs = instances.slice(0, row.processes).map(async (n8n) => {
			const started = Date.now();
			const result = await execute(n8n, id, probe.env);
			return { n8n, wallMs: Date.now() - started, result };
		});
		const done = await Promise.all(runs);
		const log = (await client.requests()).filter((entry) => !entry.path.startsWith('/oauth'));
		const rss = peakRssMb(probe.file, id);
		return done.map(({ n8n, wallMs, result }) => {
			const items = storedItems(n8n, id);
			return {
				...items,
				requests: log.length,
				refused: log.filter((entry) => entry.status === 429).length,
				wallMs,
				peakRssMb: rss,
				error: items.error ?? (result.code === 0 ? undefined : result.stderr.slice(-300)),
			};
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The rows side by side: requests, 429s, node time, the rate limit's floor, peak memory, and
 * that memory per 10,000 contacts above n8n reading one page (the baseline row).
 */
export function scaleTable(rows: Array<{ row: ScaleRow; results: ScaleResult[] }>): string {
	const lines = [
		'| Workload | Read | Requests (429) | Node time | Floor at 10/s | Node ÷ floor | Peak RSS (n8n) | RSS per 10,000 contacts | Items out (failed, twice) | Order |',
		'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	const base = rows.find(({ row }) => row.key === BASELINE.key)?.results[0].peakRssMb;
	for (const { row, results } of rows) {
		const first = results[0];
		const floorMs = (first.requests / LIMIT_PER_SECOND) * 1000;
		const nodeMs = Math.max(...results.map((r) => r.nodeMs));
		const items = results
			.map((r) => `${r.itemsOut} (${r.itemsFailed}, ${r.duplicates})`)
			.join(' + ');
		const rss = first.peakRssMb;
		const perTenThousand =
			rss !== undefined && base !== undefined && row.processes === 1 && row.key !== BASELINE.key
				? `${Math.round(((rss - base) * 10_000) / (row.contacts ?? SCALE_CONTACTS))} MB`
				: '–';
		lines.push(
			`| ${row.title}${row.processes > 1 ? ` (${row.processes} processes)` : ''} | ${row.read} | ${first.requests} (${first.refused}) | ${seconds(nodeMs)} | ${seconds(floorMs)} | ${(nodeMs / floorMs).toFixed(2)}× | ${rss === undefined ? '?' : `${Math.round(rss)} MB`} | ${perTenThousand} | ${items} | ${results.map((r) => r.order).join(', ')} |`,
		);
	}
	return lines.join('\n');
}
