import { CREDENTIAL_IDS } from '../fixtures';
import { assertEveryItemOnce, ITEMS_PER_RUN, runAtOnce } from '../lib/bulkRuns';
import { assert } from '../lib/expect';
import type { SandboxClient } from '../lib/sandboxClient';
import type { Credential, WorkflowJson } from '../workflowBuilder';
import { bulkTaskWorkflow, bulkWebhookPath } from '../workflows';
import type { QueueContext } from './queue';
/** The agency rows: how many sub-accounts run at once. */
const LOCATION_COUNTS = [1, 2, 4];
const SHARED_WORKFLOW_ID = 'e2eQueueBulkMain';
/** 429s allowed to two workers sharing a token (each pacer must first see the other). */
const MAX_SHARED_429S = 3;

interface LocationFixture {
	locationId: string;
	contactId: string;
	workflowId: string;
}

export interface ThroughputFixtures {
	credentials: object[];
	workflows: WorkflowJson[];
	sharedContactId: string;
	/** One fresh location (its own token, contact and workflow) per run of each agency row. */
	locations: LocationFixture[];
}

/**
 * Before n8n starts: a contact of the main location for the one-token row, and seven new
 * locations (1 + 2 + 4), each with a contact, its own token and its own bulk workflow, so that
 * no row starts inside a burst window an earlier row opened.
 */
export async function throughputFixtures(client: SandboxClient): Promise<ThroughputFixtures> {
	const contactIn = async (locationId: string) =>
		(
			await client.control<{ contact: { id: string } }>('POST', '/contacts', {
				locationId,
				firstName: 'Queue',
				lastName: locationId.slice(-4),
			})
		).contact.id;
	const pit: Credential = { type: 'ghlApi', id: CREDENTIAL_IDS.pit, name: 'GHL Sandbox (token)' };
	const credentials: object[] = [];
	const workflows = [bulkTaskWorkflow(SHARED_WORKFLOW_ID, pit)];
	const locations: LocationFixture[] = [];
	const total = LOCATION_COUNTS.reduce((sum, count) => sum + count, 0);
	for (let i = 1; i <= total; i++) {
		const locationId = `locSbxQueue${String(i).padStart(9, '0')}`;
		await client.control('POST', '/locations', { id: locationId });
		const { token } = await client.control<{ token: string }>('POST', '/tokens', {
			locationId,
			scopes: ['contacts.readonly', 'contacts.write'],
		});
		const credential: Credential = {
			type: 'ghlApi',
			id: `e2eQueuePit${String(i).padStart(5, '0')}`,
			name: `GHL Sandbox (location ${i})`,
		};
		credentials.push({
			id: credential.id,
			name: credential.name,
			type: 'ghlApi',
			data: {
				token,
				locationId,
				scopes: ['contacts.readonly', 'contacts.write'],
				baseUrl: client.url,
			},
		});
		const workflowId = `e2eQueueBulkL${String(i).padStart(3, '0')}`;
		workflows.push(bulkTaskWorkflow(workflowId, credential));
		locations.push({ locationId, contactId: await contactIn(locationId), workflowId });
	}
	return {
		credentials,
		workflows,
		sharedContactId: await contactIn(client.sandbox.mainLocationId),
		locations,
	};
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function queueThroughput(
	context: QueueContext,
	fixtures: ThroughputFixtures,
): Promise<void> {
	const { report, rest } = context;
	for (const workflow of fixtures.workflows) {
		await report.must(`${workflow.name} activates on both webhook processors`, async () => {
			await rest.activate(workflow.id);
			await context.cluster.webhookKnownEverywhere(bulkWebhookPath(workflow.id));
		});
	}

	const shared = [0, 1].map(() => ({
		workflowId: SHARED_WORKFLOW_ID,
		contactId: fixtures.sharedContactId,
	}));
	await report.check(
		`two bulk executions on one token land on both workers at once: all ${2 * ITEMS_PER_RUN} items written once, none failed, the workers' pacers do not overrun GHL's windows`,
		async () => {
			const measured = await runAtOnce(context, shared);
			const limited = measured.writes.filter((r) => r.status === 429).length;
			const ideal = (measured.writes.length - limited) / 10;
			console.log(
				`      ${measured.writes.length} requests (${limited} answered 429) in ${seconds(measured.wallMs)}; ` +
					`the limit's floor ${ideal.toFixed(1)} s (requests ÷ 10/s); workers ${measured.executions.map((e) => e.worker).join(', ')}`,
			);
			assertEveryItemOnce(measured, shared);
			assert.deepEqual(
				measured.executions.map((e) => e.worker).sort(),
				[0, 1],
				'the two executions did not run on the two workers',
			);
			// Without cooperation every run here got 10 (both workers spending a window's last slots);
			// a few may remain in a first window, before a worker has seen the other.
			assert.ok(limited <= MAX_SHARED_429S, `${limited} requests answered 429`);
		},
	);

	let offset = 0;
	const rates: number[] = [];
	for (const count of LOCATION_COUNTS) {
		const locations = fixtures.locations.slice(offset, offset + count);
		offset += count;
		await report.check(
			`${count} location${count > 1 ? 's' : ''} at once, each on its own token: every item written once, none failed`,
			async () => {
				const measured = await runAtOnce(context, locations);
				const limited = measured.writes.filter((r) => r.status === 429).length;
				const rate = ((measured.writes.length - limited) / measured.wallMs) * 1000;
				rates.push(rate);
				console.log(
					`      ${count * ITEMS_PER_RUN} items, ${measured.writes.length} requests (${limited} answered 429) in ` +
						`${seconds(measured.wallMs)}: ${rate.toFixed(1)} requests/s`,
				);
				assertEveryItemOnce(measured, locations);
			},
		);
	}
	await report.check(
		'throughput grows with the number of locations (each paced to its own budget)',
		() => {
			assert.equal(rates.length, LOCATION_COUNTS.length, 'a location row failed');
			const [one, two, four] = rates;
			assert.ok(
				two > 1.5 * one,
				`2 locations ${two.toFixed(1)}/s vs 1 location ${one.toFixed(1)}/s`,
			);
			assert.ok(
				four > 2 * one,
				`4 locations ${four.toFixed(1)}/s vs 1 location ${one.toFixed(1)}/s`,
			);
		},
	);
}
