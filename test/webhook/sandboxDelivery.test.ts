import type { IDataObject } from 'n8n-workflow';

import { COMPANY_ID } from '../../sandbox/identities';
import { call, control } from '../sandbox/support/api';
import { clearLog, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { WebhookSession } from '../harness/runWebhook';
import { useReceiver } from './receiver';

const sandbox = useSandbox({ contacts: 10, latency: { fixedMs: 0, randomMs: 0 } });
const receiver = useReceiver(sandbox);

/** A trigger that trusts the sandbox's keys, reading contacts with the sandbox's PIT. */
async function sandboxTrigger(events: string[], fetchContact = false): Promise<WebhookSession> {
	const keys = (await control(sandbox(), 'GET', '/keys')).body as { ed25519: string; rsa: string };
	return await WebhookSession.create({
		type: 'ghlWebhookTrigger',
		parameters: {
			events,
			fetchContact,
			authentication: 'privateIntegrationToken',
			options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
		},
		credentials: [pitCredential(sandbox())],
	});
}

/** The receiver hands each delivery to the node and answers with the node's status. */
function wire(
	trigger: WebhookSession,
	runs: unknown[][],
	overrideStatus?: (index: number) => number,
) {
	receiver().answer = async (delivery, index) => {
		const outcome = await trigger.deliver({ headers: delivery.headers, body: delivery.body });
		if (outcome.items) runs.push(outcome.items);
		return overrideStatus?.(index) ?? outcome.status;
	};
}

describe('sandbox → GHL Webhook Trigger', () => {
	it('a contact created through the API runs the workflow once, with the full contact fetched', async () => {
		const trigger = await sandboxTrigger(['ContactCreate'], true);
		const runs: unknown[][] = [];
		wire(trigger, runs);
		await control(sandbox(), 'POST', '/webhooks', {
			url: receiver().url,
			events: ['ContactCreate'],
		});
		const created = await call(sandbox(), 'POST', '/contacts/', {
			body: {
				locationId: sandbox().mainLocationId,
				firstName: 'Ada',
				lastName: 'Lovelace',
				email: 'ada@example.com',
			},
		});
		await receiver().waitFor(1);
		expect(runs).toHaveLength(1);
		expect(runs[0][0]).toMatchObject({
			event: 'ContactCreate',
			contact: { id: created.body.contact.id, firstName: 'Ada', email: 'ada@example.com' },
		});
	});

	it('a TaskCreate without contactId says so in the item instead of failing', async () => {
		const trigger = await sandboxTrigger(['TaskCreate'], true);
		const runs: unknown[][] = [];
		wire(trigger, runs);
		await control(sandbox(), 'POST', '/webhooks', { url: receiver().url, events: ['TaskCreate'] });
		await control(sandbox(), 'POST', '/webhooks/send', {
			event: 'TaskCreate',
			omit: ['contactId', 'body'],
		});
		await receiver().waitFor(1);
		expect(runs[0][0]).toMatchObject({ event: 'TaskCreate', contactId: null });
		expect((runs[0][0] as { contactError: string }).contactError).toContain('names no contact');
	});

	it('a forged event is refused (and its retries too); a replay and a stale event run nothing', async () => {
		const trigger = await sandboxTrigger(['NoteCreate']);
		const runs: unknown[][] = [];
		wire(trigger, runs);
		await control(sandbox(), 'POST', '/webhooks', { url: receiver().url, events: ['NoteCreate'] });
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate', forge: 'signature' });
		await receiver().waitFor(3); // first attempt + 2 retries, all 401
		expect(runs).toHaveLength(0);

		receiver().clear();
		wire(trigger, runs);
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate' });
		await receiver().waitFor(1);
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate', forge: 'replay' });
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate', forge: 'stale' });
		await receiver().waitFor(3);
		expect(runs).toHaveLength(1);
	});

	it('a delivery retried after a lost answer runs the workflow once', async () => {
		const trigger = await sandboxTrigger(['NoteCreate']);
		const runs: unknown[][] = [];
		// The node accepts the first attempt but GHL never hears it: the receiver answers 502.
		wire(trigger, runs, (index) => (index === 0 ? 502 : 200));
		await control(sandbox(), 'POST', '/webhooks', { url: receiver().url, events: ['NoteCreate'] });
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate' });
		const received = await receiver().waitFor(2);
		expect(received[1].body.equals(received[0].body)).toBe(true);
		expect(runs).toHaveLength(1);
		const [delivery] = (await control(sandbox(), 'GET', '/webhooks/deliveries')).body;
		expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([502, 200]);
	});

	it('a retry that arrives while the first delivery still runs starts an execution that passes nothing on', async () => {
		const trigger = await sandboxTrigger(['ContactCreate'], true);
		await control(sandbox(), 'POST', '/webhooks', {
			url: receiver().url,
			events: ['ContactCreate'],
		});
		await call(sandbox(), 'POST', '/contacts/', {
			body: { locationId: sandbox().mainLocationId, firstName: 'Slow', email: 'slow@example.com' },
		});
		const [received] = await receiver().waitFor(1);
		// The first execution reads the contact slowly: it has recorded the webhookId but not yet
		// finished (and saved its static data) when GHL's retry comes in.
		await control(sandbox(), 'PUT', '/config', { latency: { fixedMs: 1500 } });
		try {
			const first = await trigger.receive(received);
			expect(first.status).toBe(200);
			const retry = await trigger.deliver(received);
			expect(retry).toMatchObject({ status: 200, items: [] });
			expect(await first.execution).toEqual([
				expect.objectContaining({ contact: expect.objectContaining({ firstName: 'Slow' }) }),
			]);
		} finally {
			await control(sandbox(), 'PUT', '/config', { latency: { fixedMs: 0 } });
		}
		expect(await trigger.deliver(received)).toMatchObject({ status: 200, items: null });
	});

	it('a retried delivery reads the full contact once, for the run it starts', async () => {
		const trigger = await sandboxTrigger(['ContactCreate'], true);
		const runs: unknown[][] = [];
		wire(trigger, runs, (index) => (index === 0 ? 502 : 200));
		await control(sandbox(), 'POST', '/webhooks', {
			url: receiver().url,
			events: ['ContactCreate'],
		});
		const created = await call(sandbox(), 'POST', '/contacts/', {
			body: {
				locationId: sandbox().mainLocationId,
				firstName: 'Grace',
				email: 'grace@example.com',
			},
		});
		await clearLog(sandbox());
		await receiver().waitFor(2);
		expect(runs).toEqual([
			[expect.objectContaining({ contact: expect.objectContaining({ firstName: 'Grace' }) })],
		]);
		const reads = (await requestLog(sandbox())).filter(
			(entry) => entry.operationId === 'get-contact',
		);
		expect(reads.map((entry) => entry.path)).toEqual([`/contacts/${created.body.contact.id}`]);
	});

	it('an install and an uninstall reach the trigger as GHL sends them, each run once though GHL retries', async () => {
		const trigger = await sandboxTrigger(['INSTALL', 'UNINSTALL']);
		const runs: unknown[][] = [];
		// The first answer is lost: GHL sends the install's same bytes again.
		wire(trigger, runs, (index) => (index === 0 ? 502 : 200));
		await control(sandbox(), 'POST', '/webhooks', {
			url: receiver().url,
			events: ['INSTALL', 'UNINSTALL'],
		});
		const fresh = 'locSbxFresh00000000D';
		await control(sandbox(), 'POST', '/installs', { locationId: fresh });
		const received = await receiver().waitFor(2);
		expect(received[1].body.equals(received[0].body)).toBe(true);
		// Installing where the app already is sends nothing; uninstalling sends one event.
		await control(sandbox(), 'POST', '/installs', { locationId: fresh });
		await control(sandbox(), 'DELETE', `/installs/${fresh}`);
		await receiver().waitFor(3);

		expect(JSON.parse(received[0].body.toString())).toEqual({
			type: 'INSTALL',
			appId: expect.any(String),
			locationId: fresh,
			companyId: COMPANY_ID,
			userId: expect.any(String),
			companyName: expect.any(String),
		});
		expect(runs.map((items) => (items as IDataObject[]).map((item) => item.event))).toEqual([
			['INSTALL'],
			['UNINSTALL'],
		]);
		expect(runs[0][0]).toMatchObject({
			locationId: fresh,
			app: { companyId: COMPANY_ID, locationId: fresh },
		});
		const deliveries = (await control(sandbox(), 'GET', '/webhooks/deliveries')).body;
		expect(deliveries.map((d: { event: string }) => d.event)).toEqual(['INSTALL', 'UNINSTALL']);
	});
});
