import type { LoggedRequest } from '../../sandbox/types';
import { BULK_TASK_NODE, bulkWebhookPath } from '../workflows';
import type { BulkItem } from '../workflows';
import { assert } from './expect';
import { nodeItems, storedRun } from './n8n';
import type { QueueCluster } from './queueCluster';
import { waitFor } from './rest';
import type { N8nRest } from './rest';
import type { SandboxClient } from './sandboxClient';

/** 1½ burst windows per run: every run has to wait for GHL's budget at least once. */
export const ITEMS_PER_RUN = 150;

export interface BulkCluster {
	cluster: QueueCluster;
	rest: N8nRest;
	client: SandboxClient;
}

export interface Measured {
	executions: Array<{ id: string; status: string; worker: number; items: number; failed: number }>;
	/** From the first execution's start to the last one's end, in n8n's own stamps. */
	wallMs: number;
	writes: LoggedRequest[];
}

/**
 * Starts one execution per workflow through the webhook processors, in turn, all at once; waits
 * for them to end and reads their stored items and the sandbox's request log.
 */
export async function runAtOnce(
	{ cluster, rest, client }: BulkCluster,
	runs: Array<{ workflowId: string; contactId: string }>,
	itemsPerRun = ITEMS_PER_RUN,
): Promise<Measured> {
	await client.clearLog();
	const known = new Map<string, Set<string>>();
	for (const { workflowId } of runs) {
		known.set(workflowId, new Set((await rest.executions(workflowId)).map((e) => e.id)));
	}
	await Promise.all(
		runs.map(async ({ workflowId, contactId }, index) => {
			const processor = cluster.webhookProcessors[index % cluster.webhookProcessors.length];
			const items: BulkItem[] = Array.from({ length: itemsPerRun }, (_, n) => ({ contactId, n }));
			const answer = await fetch(processor.url + bulkWebhookPath(workflowId), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items }),
			});
			assert.equal(answer.status, 200, `the webhook processor answered ${answer.status}`);
		}),
	);
	const ids: string[] = [];
	for (const [workflowId, before] of known) {
		const expected = runs.filter((run) => run.workflowId === workflowId).length;
		const fresh = await waitFor(
			`${expected} execution(s) of ${workflowId}`,
			async () => {
				const found = (await rest.executions(workflowId)).filter((e) => !before.has(e.id));
				return found.length >= expected ? found : undefined;
			},
			60_000,
		);
		ids.push(...fresh.map((e) => e.id));
	}
	const executions: Measured['executions'] = [];
	let first = Infinity;
	let last = 0;
	for (const id of ids) {
		const found = await rest.ended(id, 180_000);
		const { startedAt, stoppedAt } = found as unknown as { startedAt: string; stoppedAt: string };
		first = Math.min(first, Date.parse(startedAt));
		last = Math.max(last, Date.parse(stoppedAt));
		const items = nodeItems(storedRun(cluster.main.host, found.data), BULK_TASK_NODE);
		executions.push({
			id,
			status: found.status,
			worker: cluster.workerOf(id),
			items: items.length,
			failed: items.filter((item) => item.error !== undefined).length,
		});
	}
	const writes = (await client.requests()).filter((r) => r.operationId === 'create-task');
	return { executions, wallMs: last - first, writes };
}

/** Every item of every run written once: one 201 per (contact, n), nothing failed. */
export function assertEveryItemOnce(
	measured: Measured,
	runs: Array<{ contactId: string }>,
	itemsPerRun = ITEMS_PER_RUN,
): void {
	for (const execution of measured.executions) {
		assert.equal(
			execution.status,
			'success',
			`execution ${execution.id} ended ${execution.status}`,
		);
		assert.equal(
			execution.items,
			itemsPerRun,
			`execution ${execution.id} output ${execution.items} items`,
		);
		assert.equal(
			execution.failed,
			0,
			`execution ${execution.id}: ${execution.failed} items failed`,
		);
	}
	const written = measured.writes
		.filter((r) => r.status === 201)
		.map((r) => `${r.path} ${(r.body as { title: string }).title}`)
		.sort();
	const expected = runs
		.flatMap(({ contactId }) =>
			Array.from({ length: itemsPerRun }, (_, n) => `/contacts/${contactId}/tasks Bulk task ${n}`),
		)
		.sort();
	assert.deepEqual(written, expected, 'the tasks GHL wrote are not exactly one per item');
}
