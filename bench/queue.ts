import { runAtOnce } from '../e2e/lib/bulkRuns';
import type { Measured } from '../e2e/lib/bulkRuns';
import type { N8nHost } from '../e2e/lib/install';
import { QueueCluster } from '../e2e/lib/queueCluster';
import { N8nRest } from '../e2e/lib/rest';
import type { SandboxClient } from '../e2e/lib/sandboxClient';
import type { Credential } from '../e2e/workflowBuilder';
import { bulkTaskWorkflow } from '../e2e/workflows';

const WORKFLOW_ID = 'benchQueueBulk01';
const ITEMS_PER_EXECUTION = 250;
const EXECUTIONS = 2;

export interface QueueRow {
	workers: number;
	measured: Measured;
}

/**
 * The queue-mode row: two bulk executions (250 Create Task each) on one token at once, started
 * through a webhook processor, on a cluster with one worker (both executions in one process, one
 * pacer) and then with two (one each, pacing through GHL's headers only). Same sandbox.
 */
export async function queueRows(
	host: N8nHost,
	tarball: string,
	client: SandboxClient,
	credential: { id: string; name: string; data: Record<string, unknown> },
	windowMs: number,
): Promise<QueueRow[]> {
	const pit: Credential = { type: 'ghlApi', id: credential.id, name: credential.name };
	const { contacts } = await client.ghl<{ contacts: Array<{ id: string }> }>(
		'POST',
		'/contacts/search',
		{ locationId: client.sandbox.mainLocationId, pageLimit: 1 },
	);
	const runs = Array.from({ length: EXECUTIONS }, () => ({
		workflowId: WORKFLOW_ID,
		contactId: contacts[0].id,
	}));
	const rows: QueueRow[] = [];
	for (const workers of [1, 2]) {
		const cluster = await QueueCluster.start(
			host,
			tarball,
			{ workers, webhookProcessors: 1, concurrency: EXECUTIONS },
			async (main) => {
				await main.importCredentials([{ ...pit, data: credential.data }]);
				await main.importWorkflows([bulkTaskWorkflow(WORKFLOW_ID, pit)]);
			},
		);
		try {
			const rest = new N8nRest(cluster.main.url);
			await rest.setUpOwner();
			await rest.activate(WORKFLOW_ID);
			// Each row starts with a full rate-limit window, as after a quiet spell.
			await client.control('POST', '/clock', { advanceMs: windowMs });
			rows.push({
				workers,
				measured: await runAtOnce({ cluster, rest, client }, runs, ITEMS_PER_EXECUTION),
			});
		} finally {
			await cluster.stop();
		}
	}
	return rows;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function queueTable(rows: QueueRow[]): string {
	const lines = [
		'## Queue mode',
		'',
		`n8n 2.41.1 in queue mode (Postgres, Redis, one webhook processor): ${EXECUTIONS} executions of ${ITEMS_PER_EXECUTION} Create Task each on one token, started at once, on one worker (both in one process) and on two (one each).`,
		'',
		'| Workers | Requests (429) | Time, first start to last end | Ideal (requests ÷ 10/s) | Items out | Items failed |',
		'| --- | --- | --- | --- | --- | --- |',
	];
	for (const { workers, measured } of rows) {
		const refused = measured.writes.filter((r) => r.status === 429).length;
		const items = measured.executions.reduce((sum, e) => sum + e.items - e.failed, 0);
		const failed = measured.executions.reduce((sum, e) => sum + e.failed, 0);
		const ideal = (measured.writes.length - refused) / 10;
		lines.push(
			`| ${workers} | ${measured.writes.length} (${refused}) | ${seconds(measured.wallMs)} | ${ideal.toFixed(1)} s | ${items} | ${failed} |`,
		);
	}
	return lines.join('\n');
}
