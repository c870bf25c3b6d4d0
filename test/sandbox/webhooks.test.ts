import { createPublicKey, verify } from 'node:crypto';

import { useSandbox } from '../support/ghl';
import { useReceiver } from '../webhook/receiver';
import { call, control, someContactId } from './support/api';

const sandbox = useSandbox({ contacts: 20, latency: { fixedMs: 0, randomMs: 0 } });
const receiver = useReceiver(sandbox);

async function subscribe(events?: string[], signatures?: string): Promise<void> {
	const reply = await control(sandbox(), 'POST', '/webhooks', {
		url: receiver().url,
		events,
		signatures,
	});
	expect(reply.status).toBe(201);
}

const payloadOf = (body: Buffer) => JSON.parse(body.toString()) as Record<string, any>;

async function sandboxKeys() {
	const reply = await control(sandbox(), 'GET', '/keys');
	return { ed25519: createPublicKey(reply.body.ed25519), rsa: createPublicKey(reply.body.rsa) };
}

describe('sandbox webhooks', () => {
	it('delivers ContactCreate, ContactTagUpdate and ContactDelete for API changes, with the GHL envelope', async () => {
		await subscribe(['ContactCreate', 'ContactTagUpdate', 'ContactDelete']);
		const created = await call(sandbox(), 'POST', '/contacts/', {
			body: { locationId: sandbox().mainLocationId, firstName: 'Ada', email: 'ada@example.com' },
		});
		const id = created.body.contact.id as string;
		await call(sandbox(), 'POST', `/contacts/${id}/tags`, { body: { tags: ['vip'] } });
		await call(sandbox(), 'DELETE', `/contacts/${id}`);
		const received = (await receiver().waitFor(3)).map((d) => payloadOf(d.body));
		expect(received.map((p) => p.type).sort()).toEqual([
			'ContactCreate',
			'ContactDelete',
			'ContactTagUpdate',
		]);
		for (const payload of received) {
			expect(payload).toMatchObject({ id, locationId: sandbox().mainLocationId });
			expect(typeof payload.webhookId).toBe('string');
			expect(Number.isNaN(Date.parse(payload.timestamp))).toBe(false);
			expect(typeof payload.appId).toBe('string');
			expect(typeof payload.versionId).toBe('string');
		}
		expect(received.find((p) => p.type === 'ContactTagUpdate')!.tags).toEqual(['vip']);
		expect(new Set(received.map((p) => p.webhookId)).size).toBe(3);
	});

	it('delivers task and note events for API changes, and nothing for unsubscribed events', async () => {
		await subscribe(['TaskCreate', 'TaskComplete', 'NoteCreate', 'NoteUpdate', 'NoteDelete']);
		const contactId = await someContactId(sandbox());
		const task = await call(sandbox(), 'POST', `/contacts/${contactId}/tasks`, {
			body: { title: 'Call', dueDate: '2030-01-01T00:00:00Z', completed: false },
		});
		const taskId = task.body.task.id as string;
		await call(sandbox(), 'PUT', `/contacts/${contactId}/tasks/${taskId}/completed`, {
			body: { completed: true },
		});
		await call(sandbox(), 'DELETE', `/contacts/${contactId}/tasks/${taskId}`); // TaskDelete: not subscribed
		const note = await call(sandbox(), 'POST', `/contacts/${contactId}/notes`, {
			body: { body: 'first' },
		});
		const noteId = note.body.note.id as string;
		await call(sandbox(), 'PUT', `/contacts/${contactId}/notes/${noteId}`, {
			body: { body: 'second' },
		});
		await call(sandbox(), 'DELETE', `/contacts/${contactId}/notes/${noteId}`);
		const received = (await receiver().waitFor(5)).map((d) => payloadOf(d.body));
		expect(received.map((p) => p.type).sort()).toEqual([
			'NoteCreate',
			'NoteDelete',
			'NoteUpdate',
			'TaskComplete',
			'TaskCreate',
		]);
		expect(received.find((p) => p.type === 'TaskCreate')).toMatchObject({
			id: taskId,
			contactId,
			title: 'Call',
		});
		expect(received.find((p) => p.type === 'NoteUpdate')).toMatchObject({
			id: noteId,
			body: 'second',
		});
		const deliveries = await control(sandbox(), 'GET', '/webhooks/deliveries');
		expect(deliveries.body).toHaveLength(5);
	});

	it('signs the exact bytes sent with both schemes, verifiable with the keys at /keys', async () => {
		await subscribe(['NoteCreate']);
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate' });
		const [delivery] = await receiver().waitFor(1);
		const keys = await sandboxKeys();
		const ed = Buffer.from(delivery.headers['x-ghl-signature'], 'base64');
		const rsa = Buffer.from(delivery.headers['x-wh-signature'], 'base64');
		expect(verify(null, delivery.body, keys.ed25519, ed)).toBe(true);
		expect(verify('sha256', delivery.body, keys.rsa, rsa)).toBe(true);
		expect(verify(null, Buffer.concat([delivery.body, Buffer.from(' ')]), keys.ed25519, ed)).toBe(
			false,
		);
	});

	it('sends only x-ghl-signature when the subscription asks for Ed25519 alone', async () => {
		await subscribe(['NoteCreate'], 'ed25519');
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'NoteCreate' });
		const [delivery] = await receiver().waitFor(1);
		expect(delivery.headers['x-ghl-signature']).toBeDefined();
		expect(delivery.headers['x-wh-signature']).toBeUndefined();
	});

	it('retries a non-2xx delivery with the same bytes until it succeeds, and gives up after the retries', async () => {
		await subscribe(['TaskCreate']);
		receiver().answer = (_, index) => (index < 2 ? 503 : 200);
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'TaskCreate' });
		const received = await receiver().waitFor(3);
		expect(new Set(received.map((d) => d.body.toString())).size).toBe(1);
		const [first] = (await control(sandbox(), 'GET', '/webhooks/deliveries')).body;
		expect(first.attempts.map((a: { status: number }) => a.status)).toEqual([503, 503, 200]);
		expect(first.state).toBe('delivered');

		receiver().clear();
		receiver().answer = () => 500;
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'TaskCreate' });
		await receiver().waitFor(3); // the first attempt and 2 retries
		let state = 'pending';
		while (state === 'pending') {
			const list = (await control(sandbox(), 'GET', '/webhooks/deliveries')).body;
			state = list[1].state;
		}
		expect(state).toBe('failed');
		expect(receiver().received).toHaveLength(3);
	});

	it('sends forged, replayed and stale events on demand', async () => {
		await subscribe(['ContactCreate']);
		const keys = await sandboxKeys();
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'ContactCreate' });
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'ContactCreate', forge: 'replay' });
		await receiver().waitFor(2);
		const [original, replayed] = receiver().received;
		expect(replayed.body.equals(original.body)).toBe(true);
		expect(replayed.headers['x-ghl-signature']).toBe(original.headers['x-ghl-signature']);

		await control(sandbox(), 'POST', '/webhooks/send', {
			event: 'ContactCreate',
			forge: 'signature',
		});
		const forged = (await receiver().waitFor(3))[2];
		const sig = (name: string) => Buffer.from(forged.headers[name], 'base64');
		expect(verify(null, forged.body, keys.ed25519, sig('x-ghl-signature'))).toBe(false);
		expect(verify('sha256', forged.body, keys.rsa, sig('x-wh-signature'))).toBe(false);

		const clock = await control(sandbox(), 'GET', '/clock');
		await control(sandbox(), 'POST', '/webhooks/send', { event: 'ContactCreate', forge: 'stale' });
		const stale = (await receiver().waitFor(4))[3];
		const age = clock.body.now - Date.parse(payloadOf(stale.body).timestamp);
		expect(age).toBeGreaterThan(5 * 60 * 1000);
		expect(
			verify(
				null,
				stale.body,
				keys.ed25519,
				Buffer.from(stale.headers['x-ghl-signature'], 'base64'),
			),
		).toBe(true);
	});

	it('refuses bad subscriptions and sends', async () => {
		expect((await control(sandbox(), 'POST', '/webhooks', { url: 'ftp://x' })).status).toBe(400);
		expect(
			(await control(sandbox(), 'POST', '/webhooks', { url: receiver().url, events: ['Nope'] }))
				.status,
		).toBe(400);
		expect(
			(await control(sandbox(), 'POST', '/webhooks/send', { event: 'TaskCreate', forge: 'replay' }))
				.status,
		).toBe(400);
	});
});
