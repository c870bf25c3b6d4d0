import { randomUUID } from 'node:crypto';

import { SeenDeliveries } from '../../nodes/GhlWebhookTrigger/replay';
import { sandboxKeys } from '../../sandbox/webhooks/keys';
import { processedDataSize } from '../harness/processedData';
import type { WebhookSession } from '../harness/runWebhook';
import { delivery, signatureTrigger, signed } from './support';

const keys = sandboxKeys();
const MINUTE = 60_000;

/** Ids the trigger's two records hold: static data, and n8n's processed-data row. */
function recorded(trigger: WebhookSession) {
	const { workflowId, nodeId } = trigger.ids();
	return {
		staticData: Object.keys((trigger.nodeStaticData().seenWebhookIds as object) ?? {}).length,
		processedData: processedDataSize(workflowId, nodeId),
	};
}

afterEach(() => {
	jest.restoreAllMocks();
});

/** Moves n8n's clock (what the node reads as now) forward by `ms`. */
function clockAhead(ms: number): void {
	const now = Date.now;
	jest.spyOn(Date, 'now').mockImplementation(() => now() + ms);
}

describe('GHL Webhook Trigger: the replay record is bounded by time', () => {
	it('refuses a retry inside the window after 1,500 newer deliveries (more than any past cap)', async () => {
		const trigger = await signatureTrigger(keys, ['NoteCreate']);
		const first = signed(delivery('NoteCreate'), keys, 'ed25519');
		expect((await trigger.deliver(first)).items).toHaveLength(1);
		for (let i = 0; i < 1_500; i++) {
			const outcome = await trigger.deliver(signed(delivery('NoteCreate'), keys, 'ed25519'));
			expect(outcome.items).toHaveLength(1);
		}
		// GHL's retry carries the same bytes: same webhookId, same timestamp, 4 minutes on.
		clockAhead(4 * MINUTE);
		expect(await trigger.deliver(first)).toMatchObject({ status: 200, items: null });
		expect(recorded(trigger)).toEqual({ staticData: 1_501, processedData: 1_501 });
	}, 120_000);

	it('forgets ids past the window (twice the tolerance) in both records', async () => {
		const trigger = await signatureTrigger(keys, ['NoteCreate'], { toleranceMinutes: 5 });
		for (let i = 0; i < 3; i++) {
			await trigger.deliver(signed(delivery('NoteCreate'), keys, 'ed25519'));
		}
		expect(recorded(trigger)).toEqual({ staticData: 3, processedData: 3 });
		clockAhead(9 * MINUTE);
		await trigger.deliver(signed(delivery('NoteCreate'), keys, 'ed25519'));
		expect(recorded(trigger)).toEqual({ staticData: 4, processedData: 4 });
		jest.restoreAllMocks();
		clockAhead(11 * MINUTE);
		await trigger.deliver(signed(delivery('NoteCreate'), keys, 'ed25519'));
		expect(recorded(trigger)).toEqual({ staticData: 2, processedData: 2 });
	});
});

describe('the static-data record under a burst', () => {
	it('keeps all 10,000 ids of a burst inside one window, in about 530 KB', () => {
		const staticData = {};
		const seen = new SeenDeliveries(staticData);
		const start = Date.now();
		const ids = Array.from({ length: 10_000 }, () => randomUUID());
		// 100 at a time, to keep the test fast: the size of the record does not depend on it.
		for (let i = 0; i < ids.length; i += 100) {
			seen.add(ids.slice(i, i + 100), start + i * 50, 10 * MINUTE);
		}
		expect(ids.every((id) => seen.has(id))).toBe(true);
		expect(JSON.stringify(staticData).length).toBeLessThan(560_000);
	});
});

describe('GHL Webhook Trigger: simultaneous deliveries', () => {
	it('runs one event once when its deliveries arrive at the same moment, on a new workflow', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const request = signed(delivery('ContactCreate'), keys);
		const outcomes = await Promise.all(
			Array.from({ length: 6 }, async () => await trigger.deliver(request)),
		);
		expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200, 200, 200, 200]);
		expect(outcomes.filter((o) => o.items !== null && o.items.length > 0)).toHaveLength(1);
	});

	it('runs two different events that arrive together on a new workflow, each once', async () => {
		// The first two records of a workflow are both inserts, which collide in n8n's table.
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const a = delivery('ContactCreate');
		const b = delivery('ContactCreate');
		const outcomes = await Promise.all([a, b, a, b].map((p) => trigger.deliver(signed(p, keys))));
		const ran = outcomes.flatMap((o) => o.items ?? []).map((item) => item.webhookId);
		expect(ran.sort()).toEqual([a.webhookId, b.webhookId].sort());
	});
});

describe('GHL Webhook Trigger: deliveries it does not run', () => {
	it('logs an authentic delivery whose type is not a GHL event', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const outcome = await trigger.deliver(
			signed(delivery('ContactCreate', 0, { type: 'MyCustomThing' }), keys),
		);
		expect(outcome).toMatchObject({ status: 200, items: null });
		expect(trigger.logs).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining('"MyCustomThing" is not a GHL event'),
			}),
		);
	});
});
