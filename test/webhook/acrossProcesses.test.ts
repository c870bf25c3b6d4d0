import type { IExecuteFunctions } from 'n8n-workflow';

import { claimSettings, firstDeliveries } from '../../nodes/GhlWebhookTrigger/replay';
import { sandboxKeys } from '../../sandbox/webhooks/keys';
import { loadPackage, setClaimStandMs } from '../harness/packageTypes';
import { processedDataValues, raceNextStoreOperations } from '../harness/processedData';
import type * as RunWebhook from '../harness/runWebhook';
import { WebhookSession } from '../harness/runWebhook';
import { delivery, signatureTriggerSettings, signed } from './support';

/**
 * Queue mode: each delivery is received by one of several webhook processes and run on one of
 * several workers, all on one database. Here a second process is this package and the harness
 * loaded a second time (its own module state, as another n8n process has), sharing the
 * processed-data store and the workflow's static data with the first. The store interleaves
 * as n8n's does when told to: reads first, then writes, the last write keeping its row.
 */
const keys = sandboxKeys();

/**
 * Longer than any read-to-write of the harness's store under these tests' load, as n8n's 1 s is
 * longer than a database round trip: both processes' operations share one event loop here.
 */
const CLAIM_STANDS_MS = 500;

let secondProcess: typeof RunWebhook;

beforeAll(async () => {
	await jest.isolateModulesAsync(async () => {
		secondProcess = await import('../harness/runWebhook');
		// Loaded here, or its modules would come from the first process's registry.
		const types = await import('../harness/packageTypes');
		await types.loadPackage();
		types.setClaimStandMs(CLAIM_STANDS_MS);
	});
	await loadPackage();
	setClaimStandMs(CLAIM_STANDS_MS);
});

/**
 * The trigger, active in two processes of one n8n, after one earlier event: its record exists,
 * so the processes update it rather than both insert it (which the table's key would refuse).
 */
async function inTwoProcesses(): Promise<[WebhookSession, WebhookSession]> {
	const settings = signatureTriggerSettings(keys, ['ContactCreate']);
	const first = await WebhookSession.create(settings);
	await first.deliver(signed(delivery('ContactCreate'), keys));
	return [first, await secondProcess.WebhookSession.create(settings, first.record)];
}

/** The ids recorded in the store, besides the earlier event's. */
const stored = (trigger: WebhookSession) => {
	const { workflowId, nodeId } = trigger.ids();
	return processedDataValues(workflowId, nodeId).slice(1);
};

/**
 * The claims left in the store once each process has run one more event: a release that
 * overlapped another process's write can leave its claim behind until its process releases
 * again.
 */
async function claimsLeft(processes: WebhookSession[]): Promise<string[]> {
	for (const p of processes) await p.deliver(signed(delivery('ContactCreate'), keys));
	return stored(processes[0]).filter((value) => value.startsWith('claim:'));
}

describe('GHL Webhook Trigger across queue-mode processes', () => {
	it('runs one event once when two processes check its webhookId at the same moment', async () => {
		const processes = await inTwoProcesses();
		const request = signed(delivery('ContactCreate'), keys);
		raceNextStoreOperations(2);
		const outcomes = await Promise.all(processes.map(async (p) => await p.deliver(request)));
		expect(outcomes.map((o) => o.status)).toEqual([200, 200]);
		const ran = outcomes.flatMap((o) => o.items ?? []);
		expect(ran).toHaveLength(1);
		expect(stored(processes[0])).toContain(JSON.parse(request.body).webhookId);
		expect(await claimsLeft(processes)).toEqual([]);
	});

	it('loses and doubles nothing when two events are recorded by two processes at the same moment', async () => {
		const processes = await inTwoProcesses();
		const events = [delivery('ContactCreate'), delivery('ContactCreate')];
		raceNextStoreOperations(2);
		const outcomes = await Promise.all(
			processes.map(async (p, i) => await p.deliver(signed(events[i], keys))),
		);
		const ran = outcomes.flatMap((o) => o.items ?? []).map((item) => item.webhookId);
		expect(ran.sort()).toEqual(events.map((e) => e.webhookId).sort());
		// Both ids stay recorded, so that a retry of either, in either process, runs nothing.
		const ids = events.map((e) => e.webhookId);
		expect(stored(processes[0])).toEqual(expect.arrayContaining(ids));
		const retries = await Promise.all(
			events.map(async (event, i) => await processes[1 - i].deliver(signed(event, keys))),
		);
		expect(retries.map((o) => o.items ?? [])).toEqual([[], []]);
		expect(await claimsLeft(processes)).toEqual([]);
	});

	it('runs each of 20 events once when both processes get every one of them at once', async () => {
		const processes = await inTwoProcesses();
		const events = Array.from({ length: 20 }, () => delivery('ContactCreate'));
		const outcomes = await Promise.all(
			events.flatMap((event) => processes.map(async (p) => await p.deliver(signed(event, keys)))),
		);
		const ran = outcomes.flatMap((o) => o.items ?? []).map((item) => item.webhookId);
		const ids = events.map((e) => e.webhookId);
		expect(ran.sort()).toEqual([...ids].sort());
		expect(stored(processes[0])).toEqual(expect.arrayContaining(ids));
		expect(await claimsLeft(processes)).toEqual([]);
	});
});

describe('the claim under writes that never let it stand', () => {
	it('gives up after 4 checks, unclaims the id for a retry of the execution, and leaves no claim', async () => {
		// Every write overwritten at once: each check finds the claim and the id gone again.
		const recorded: string[][] = [];
		const forgotten: string[][] = [];
		const ctx = {
			getWorkflow: () => ({ id: 'w' }),
			getNode: () => ({ id: 'n', name: 'GHL Webhook' }),
			getExecutionId: () => 'e1',
			getWorkflowStaticData: () => ({}),
			helpers: {
				checkProcessedAndRecord: async (values: string[]) => {
					recorded.push(values);
					return { new: values, processed: [] };
				},
				removeProcessed: async (values: string[]) => {
					forgotten.push(values);
				},
			},
		} as unknown as IExecuteFunctions;
		const standMs = claimSettings.standMs;
		claimSettings.standMs = 0;
		try {
			await expect(firstDeliveries(ctx, ['id-1'], 300_000)).rejects.toThrow(
				"kept overwriting this delivery's record (4 times), so it was not run",
			);
		} finally {
			claimSettings.standMs = standMs;
		}
		// The claim, then 4 checks, each recording the claim with the id.
		expect(recorded).toHaveLength(5);
		const token = recorded[0][0];
		expect(recorded.every((values) => values.join() === `${token},id-1`)).toBe(true);
		expect(forgotten).toEqual([['id-1'], [token]]);
	});
});
