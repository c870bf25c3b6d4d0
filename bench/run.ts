import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

import { buildAndPack, installCommunityPackage, installHost, REPO_ROOT } from '../e2e/lib/install';
import { N8n, nodeItems } from '../e2e/lib/n8n';
import { freePort } from '../e2e/lib/ports';
import { stopAll, stopAllOnExit } from '../e2e/lib/processes';
import { SandboxClient } from '../e2e/lib/sandboxClient';
import { CONTACT_SCOPES, EXTRA_SCOPES } from '../sandbox/identities';
import { startSandbox } from '../sandbox/server';
import type { SandboxOptions } from '../sandbox/types';
import { makeCertificates, startGhlProxy } from './proxy';
import { queueRows, queueTable } from './queue';
import type { QueueRow } from './queue';
import {
	BASELINE,
	measureScale,
	SCALE_CONTACTS,
	SCALE_CREDENTIAL,
	SCALE_ROWS,
	scaleTable,
	scaleWorkflow,
	TWO_PROCESSES,
	type ScaleResult,
	type ScaleRow,
} from './scale';
import {
	CREDENTIALS,
	MEASURED,
	workflowFor,
	workloads,
	type Side,
	type Workload,
} from './workloads';

/** GHL's documented limits and a realistic answer time (notes §5.1). */
const SETTINGS: Partial<SandboxOptions> = {
	contacts: 10_000,
	latency: { fixedMs: 300, randomMs: 0 },
	rateLimit: { burst: 100, windowMs: 10_000, daily: 200_000 },
};
const SCOPES = [...CONTACT_SCOPES, ...EXTRA_SCOPES];

interface Result {
	requests: number;
	refused: number;
	wallMs: number;
	nodeMs: number;
	itemsOut: number;
	itemsFailed: number;
	error?: string;
}

/** An OAuth token for the built-in node, issued by the sandbox the way GHL issues one. */
async function oauthTokenData(client: SandboxClient): Promise<Record<string, unknown>> {
	const { clientId, clientSecret } = client.sandbox.oauthClient;
	const redirect = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
	const authorize = new URL('/v2/oauth/chooselocation', client.url);
	authorize.search = new URLSearchParams({
		response_type: 'code',
		client_id: clientId,
		redirect_uri: redirect,
		scope: SCOPES.join(' '),
	}).toString();
	const answer = await fetch(authorize, { redirect: 'manual' });
	const code = new URL(answer.headers.get('location') ?? 'x:/').searchParams.get('code');
	if (!code) throw new Error(`the sandbox gave no authorization code (${answer.status})`);
	const token = await fetch(new URL('/oauth/token', client.url), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			client_id: clientId,
			client_secret: clientSecret,
			redirect_uri: redirect,
		}),
	});
	if (!token.ok) throw new Error(`token exchange failed: ${token.status}`);
	return (await token.json()) as Record<string, unknown>;
}

interface CredentialJson {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

function credentials(client: SandboxClient, tokenData: Record<string, unknown>): CredentialJson[] {
	const { ours, builtIn } = CREDENTIALS;
	return [
		{
			...ours,
			data: {
				token: client.sandbox.tokens.readWrite,
				locationId: client.sandbox.mainLocationId,
				scopes: SCOPES,
				baseUrl: client.url,
			},
		},
		{
			...builtIn,
			data: {
				clientId: client.sandbox.oauthClient.clientId,
				clientSecret: client.sandbox.oauthClient.clientSecret,
				scope: SCOPES.join(' '),
				oauthTokenData: tokenData,
			},
		},
	];
}

/** Ids of the first `count` contacts, newest first, read directly from the sandbox. */
async function firstContactIds(client: SandboxClient, count: number): Promise<string[]> {
	const ids: string[] = [];
	let searchAfter: unknown;
	while (ids.length < count) {
		const page = await client.ghl<{ contacts: Array<{ id: string; searchAfter?: unknown }> }>(
			'POST',
			'/contacts/search',
			{
				locationId: client.sandbox.mainLocationId,
				pageLimit: 500,
				...(searchAfter ? { searchAfter } : {}),
			},
		);
		ids.push(...page.contacts.map((contact) => contact.id));
		searchAfter = page.contacts.at(-1)?.searchAfter;
		if (!searchAfter) break;
	}
	return ids.slice(0, count);
}

async function measure(n8n: N8n, client: SandboxClient, workflowId: string): Promise<Result> {
	// Each run starts with a full rate-limit window, as after a quiet spell.
	await client.control('POST', '/clock', { advanceMs: SETTINGS.rateLimit!.windowMs });
	await client.clearLog();
	const started = Date.now();
	const execution = await n8n.execute(workflowId);
	const wallMs = Date.now() - started;
	const log = (await client.requests()).filter((entry) => !entry.path.startsWith('/oauth'));
	const items = nodeItems(execution.run, MEASURED);
	const rejected = log.find((entry) => entry.status >= 400 && entry.status !== 429);
	const rejectedNote = rejected
		? ` [first rejected call: ${rejected.method} ${rejected.path}?${new URLSearchParams(rejected.query as Record<string, string>).toString()} → ${rejected.status}]`
		: '';
	const nodeRuns = execution.run?.data.resultData.runData[MEASURED] ?? [];
	return {
		requests: log.length,
		refused: log.filter((entry) => entry.status === 429).length,
		wallMs,
		nodeMs: nodeRuns.reduce(
			(sum, run) => sum + Number((run as { executionTime?: number }).executionTime ?? 0),
			0,
		),
		itemsOut: items.filter((item) => !('error' in item)).length,
		itemsFailed: items.filter((item) => 'error' in item).length,
		error: errorOf(execution, items, rejectedNote),
	};
}

function errorOf(
	execution: Awaited<ReturnType<N8n['execute']>>,
	items: Array<Record<string, unknown>>,
	rejectedNote: string,
): string | undefined {
	const message =
		execution.run?.data.resultData.error?.message ??
		(items.find((item) => 'error' in item)?.error as string | undefined) ??
		(execution.run ? undefined : execution.stdout.slice(-500));
	return message === undefined ? undefined : message + rejectedNote;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (builtIn: number, ours: number) =>
	ours > 0 ? `${(builtIn / ours).toFixed(1)}×` : '–';

function table(rows: Array<{ workload: Workload; ours: Result; builtIn?: Result }>): string {
	const lines = [
		'| Workload | Side | Requests (429) | Wall time (node) | Items out | Items failed |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	for (const { workload, ours, builtIn } of rows) {
		const cells = (side: string, r: Result) =>
			`| ${workload.title} | ${side} | ${r.requests} (${r.refused}) | ${seconds(r.wallMs)} (${seconds(r.nodeMs)}) | ${r.itemsOut} | ${r.itemsFailed} |`;
		lines.push(cells('GHL Contacts (this package)', ours));
		if (builtIn && builtIn.itemsOut !== workload.expectedItems) {
			lines.push(cells('n8n HighLevel (built-in)', builtIn));
			lines.push(
				`| | **built-in ÷ ours** | no ratio: the built-in node delivered ${builtIn.itemsOut} of ${workload.expectedItems} items (${builtIn.error ?? 'see above'}) | | | |`,
			);
		} else if (builtIn) {
			lines.push(cells('n8n HighLevel (built-in)', builtIn));
			lines.push(
				`| | **built-in ÷ ours** | **${ratio(builtIn.requests, ours.requests)}** | **${ratio(builtIn.nodeMs, ours.nodeMs)}** (node time) | | |`,
			);
		} else {
			const why = 'unsupported' in workload.builtIn ? workload.builtIn.unsupported : '';
			lines.push(`| | n8n HighLevel (built-in) | n/a: ${why} | | | |`);
		}
	}
	return lines.join('\n');
}

function versionOf(nodeBin: string | undefined): string {
	const node = nodeBin ? join(nodeBin, 'node') : process.execPath;
	return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * Return All at scale, on a sandbox of its own (closed after the rows); the two-process row needs
 * a second n8n, on which the package is installed here. Wrong counts are added to `problems`.
 */
async function runScaleRows(
	n8n: N8n,
	second: N8n,
	tarball: string,
	problems: string[],
): Promise<Array<{ row: ScaleRow; results: ScaleResult[] }>> {
	const scaleRows: Array<{ row: ScaleRow; results: ScaleResult[] }> = [];
	const scaleSandbox = await startSandbox({ port: 0, ...SETTINGS, contacts: SCALE_CONTACTS });
	try {
		const scaleClient = new SandboxClient(scaleSandbox);
		const scaleCredential = {
			...SCALE_CREDENTIAL,
			data: {
				token: scaleClient.sandbox.tokens.readWrite,
				locationId: scaleClient.sandbox.mainLocationId,
				scopes: SCOPES,
				baseUrl: scaleClient.url,
			},
		};
		const scaleFlows = [BASELINE, ...SCALE_ROWS, TWO_PROCESSES].map(scaleWorkflow);
		await installCommunityPackage(second.userFolder, tarball);
		for (const instance of [n8n, second]) {
			await instance.importCredentials([scaleCredential]);
			await instance.importWorkflows(scaleFlows);
		}
		for (const row of [BASELINE, ...SCALE_ROWS, TWO_PROCESSES]) {
			const results = await measureScale(
				[n8n, second],
				scaleClient,
				row,
				SETTINGS.rateLimit!.windowMs,
			);
			scaleRows.push({ row, results });
			for (const result of results) {
				console.log(
					`${row.title} / ${row.read}: ${result.requests} requests (${result.refused} refused), node ${seconds(result.nodeMs)}, ${result.peakRssMb?.toFixed(0) ?? '?'} MB, ${result.itemsOut} out, ${result.itemsFailed} failed, ${result.duplicates} twice${result.error ? ` — ${result.error}` : ''}`,
				);
				const expected = row.contacts ?? SCALE_CONTACTS;
				if (result.itemsOut !== expected || result.itemsFailed > 0 || result.duplicates > 0) {
					problems.push(
						`ours: ${row.title} (${row.read}): ${result.itemsOut} items out, ${result.itemsFailed} failed, ${result.duplicates} twice, expected ${expected}${result.error ? ` (${result.error})` : ''}`,
					);
				}
			}
		}
	} finally {
		await scaleSandbox.close();
	}
	// Every read of the same contacts gives the same order.
	const fullReads = scaleRows.filter(({ row }) => row.contacts === undefined);
	if (new Set(fullReads.flatMap(({ results }) => results.map((r) => r.order))).size > 1) {
		problems.push('ours: the 50,000-contact reads did not all return the same order');
	}
	return scaleRows;
}

/** The scale rows' section of BENCHMARKS.md, from its heading to the end of the table. */
function scaleSection(rows: Array<{ row: ScaleRow; results: ScaleResult[] }>, note = ''): string {
	return [
		'## Return All at scale',
		'',
		`A sandbox of ${SCALE_CONTACTS.toLocaleString('en')} contacts, the same rate limit. Page after page is Get Many with a Limit of ${SCALE_CONTACTS.toLocaleString('en')}; date ranges at once is Return All. Floor: the requests at GHL's 10 a second. Peak RSS: the \`n8n execute\` process's maximum resident memory (the whole n8n process, not the node alone). Items are counted from the execution n8n stored in its database; "twice": contacts output more than once; Order: a digest of the ids in output order (equal digests, equal order). The two-process row starts two \`n8n execute\` at once, each its own n8n, on one token: requests and 429s are both together, the floor is for both.${note}`,
		'',
		scaleTable(rows),
		'',
		"What bounds the Return All rows: GHL's budget of 100 requests per 10 s window (fixed windows in the sandbox), not the node's CPU. 50,000 contacts take at least 101 requests (100 full pages and the far end), so the read waits for a second window, which the transport's pacer takes to begin 10 s after the first answer it read (it cannot see when the server's window began, and never guesses early): the read cannot end before about 10 s plus two answer times, 10.6 s at 300 ms and 13 s at 1.5 s. The floor column (requests at 10 a second) is an average that a burst window beats, hence ratios below 1. The sandbox runs in the bench's own process on the same cores as n8n, at about 15 ms of CPU per search page; page after page, each page costs GHL's answer time plus that and n8n's own handling.",
	].join('\n');
}

const machine = () =>
	`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`;

/**
 * `npm run bench -- --scale`: the scale rows alone, written over their section of BENCHMARKS.md;
 * the rest of the file stays as the last whole run wrote it.
 */
async function scaleOnly(): Promise<void> {
	stopAllOnExit();
	const started = Date.now();
	const host = await installHost('n8n-2');
	const n8n = new N8n(host, await freePort());
	const second = new N8n(host, await freePort());
	const packDir = mkdtempSync(join(os.tmpdir(), 'ghl-bench-pack-'));
	const problems: string[] = [];
	let rows: Array<{ row: ScaleRow; results: ScaleResult[] }>;
	try {
		const tarball = await buildAndPack(packDir);
		await installCommunityPackage(n8n.userFolder, tarball);
		rows = await runScaleRows(n8n, second, tarball, problems);
	} finally {
		await second.dispose();
		await n8n.dispose();
		await stopAll();
		rmSync(packDir, { recursive: true, force: true });
	}
	const file = join(REPO_ROOT, 'BENCHMARKS.md');
	const text = readFileSync(file, 'utf8');
	const start = text.indexOf('## Return All at scale');
	if (start < 0)
		throw new Error('BENCHMARKS.md has no "## Return All at scale" section to replace');
	const end = text.indexOf('\n## ', start);
	const note = ` These rows come from a run of the scale rows alone (\`npm run bench -- --scale\`, ${new Date().toISOString()}, ${seconds(Date.now() - started)} with setup, ${machine()}, n8n 2.41.1 on Node ${versionOf(host.nodeBin)}).`;
	const section = scaleSection(rows, note);
	writeFileSync(file, `${text.slice(0, start)}${section}\n${end < 0 ? '' : text.slice(end)}`);
	console.log(`\n${scaleTable(rows)}\n\nBENCHMARKS.md: the scale section written.`);
	if (problems.length > 0) console.error(`\nWRONG ITEM COUNTS:\n${problems.join('\n')}`);
	process.exit(problems.length > 0 ? 1 : 0);
}

async function main(): Promise<void> {
	if (process.argv.includes('--scale')) return await scaleOnly();
	stopAllOnExit();
	const benchStarted = Date.now();
	const certificates = makeCertificates();
	const sandbox = await startSandbox({ port: 0, ...SETTINGS });
	const client = new SandboxClient(sandbox);
	const proxy = await startGhlProxy(client.url, certificates);
	// n8n 2.x routes outbound HTTP through proxy-from-env: only GHL's host goes to the proxy.
	Object.assign(process.env, {
		HTTPS_PROXY: proxy.url,
		NO_PROXY: '127.0.0.1,localhost',
		NODE_EXTRA_CA_CERTS: certificates.caFile,
	});
	const host = await installHost('n8n-2');
	const n8n = new N8n(host, await freePort());
	const packDir = mkdtempSync(join(os.tmpdir(), 'ghl-bench-pack-'));
	const rows: Array<{ workload: Workload; ours: Result; builtIn?: Result }> = [];
	const scaleRows: Array<{ row: ScaleRow; results: ScaleResult[] }> = [];
	const problems: string[] = [];
	let queue: QueueRow[] = [];
	const second = new N8n(host, await freePort());
	try {
		const tarball = await buildAndPack(packDir);
		await installCommunityPackage(n8n.userFolder, tarball);
		const ours = credentials(client, await oauthTokenData(client));
		await n8n.importCredentials(ours);
		const ids = await firstContactIds(client, 1_000);
		const list = workloads(SETTINGS.contacts!, ids);
		const flows = list.flatMap((w) =>
			(['ours', 'builtIn'] as Side[]).map((side) => workflowFor(w, side)),
		);
		await n8n.importWorkflows(flows.filter((flow) => flow !== undefined));

		for (const workload of list) {
			const row: (typeof rows)[number] = {
				workload,
				ours: await measure(n8n, client, workflowFor(workload, 'ours')!.id),
			};
			const builtInFlow = workflowFor(workload, 'builtIn');
			if (builtInFlow) row.builtIn = await measure(n8n, client, builtInFlow.id);
			rows.push(row);
			for (const [side, result] of Object.entries({ ours: row.ours, builtIn: row.builtIn })) {
				if (!result) continue;
				console.log(
					`${workload.title} / ${side}: ${result.requests} requests (${result.refused} refused), ${seconds(result.wallMs)}, ${result.itemsOut} out, ${result.itemsFailed} failed${result.error ? ` — ${result.error}` : ''}`,
				);
				if (result.itemsOut !== workload.expectedItems) {
					problems.push(
						`${side}: ${workload.title}: ${result.itemsOut} items out, expected ${workload.expectedItems}${result.error ? ` (${result.error})` : ''}`,
					);
				}
			}
		}

		scaleRows.push(...(await runScaleRows(n8n, second, tarball, problems)));
		queue = await queueRows(host, tarball, client, ours[0], SETTINGS.rateLimit!.windowMs);
		for (const { workers, measured } of queue) {
			const failed = measured.executions.reduce((sum, e) => sum + e.failed, 0);
			if (failed > 0)
				problems.push(`ours: queue mode, ${workers} worker(s): ${failed} items failed`);
		}
	} finally {
		await second.dispose();
		await n8n.dispose();
		await proxy.close();
		await sandbox.close();
		await stopAll();
		rmSync(packDir, { recursive: true, force: true });
		rmSync(certificates.dir, { recursive: true, force: true });
	}
	const tookMs = Date.now() - benchStarted;
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		version: string;
	};
	const report = [
		'# Benchmarks',
		'',
		"`npm run bench`: the same workloads through real n8n (`n8n execute`, one CLI run per workflow), this package against n8n's built-in HighLevel node, one after the other on the same sandbox. The built-in node calls `https://services.leadconnectorhq.com`; the bench routes it to the sandbox through a local HTTPS proxy (`HTTPS_PROXY`) whose certificate n8n trusts through `NODE_EXTRA_CA_CERTS`.",
		'',
		`- Run: ${new Date().toISOString()}, whole bench ${seconds(tookMs)} (including n8n and package setup)`,
		`- Machine: ${machine()}`,
		`- n8n 2.41.1 on Node ${versionOf(host.nodeBin)}; n8n-nodes-ghl-contacts ${pkg.version} (defaults: Parallel Requests 5; Tag Add with "Combine Items Into Bulk Requests" on); built-in node \`n8n-nodes-base.highLevel\` v2 with its OAuth2 credential`,
		`- Sandbox: ${SETTINGS.contacts} contacts, ${SETTINGS.latency!.fixedMs} ms per answer, ${SETTINGS.rateLimit!.burst} requests per ${SETTINGS.rateLimit!.windowMs / 1000} s per app and location (fixed windows), ${SETTINGS.rateLimit!.daily} a day; each run starts with a full window`,
		'- Requests: GHL API calls in the sandbox log (429 = refused by the rate limit). Wall time: the whole `n8n execute` command, about 4 s of it n8n starting; node: the measured node\'s own execution time. Items failed: items carrying an error (the nodes run with "On Error: Continue").',
		'',
		table(rows),
		'',
		scaleSection(scaleRows),
		'',
		queueTable(queue),
		'',
		...(problems.length > 0
			? ['**Item counts that are wrong:**', '', ...problems.map((p) => `- ${p}`), '']
			: []),
	].join('\n');
	writeFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), report);
	console.log(
		`\n${table(rows)}\n\n${scaleTable(scaleRows)}\n\n${queueTable(queue)}\n\nBENCHMARKS.md written (${seconds(tookMs)}).`,
	);
	const ourProblems = problems.filter((p) => p.startsWith('ours'));
	if (problems.length > 0) {
		console.error(`\nWRONG ITEM COUNTS:\n${problems.join('\n')}`);
	}
	// The built-in node's shortfalls are its own (reported above); ours fail the bench.
	process.exit(ourProblems.length > 0 ? 1 : 0);
}

main().catch(async (error: Error) => {
	console.error(error.stack ?? error.message);
	await stopAll();
	process.exit(1);
});
