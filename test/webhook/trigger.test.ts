import { generateSigningKeys, sandboxKeys } from '../../sandbox/webhooks/keys';
import { WEBHOOK_EVENTS } from '../../sandbox/webhooks/events';
import { WebhookSession } from '../harness/runWebhook';
import { delivery, LOCATION, signatureTrigger, signed } from './support';

const keys = sandboxKeys();
describe('GHL Webhook Trigger: events', () => {
	it.each(WEBHOOK_EVENTS)('%s runs the workflow once with the normalized event', async (type) => {
		const trigger = await signatureTrigger(keys, [type], { includeRaw: true });
		const payload = delivery(type);
		const outcome = await trigger.deliver(signed(payload, keys));
		expect(outcome.status).toBe(200);
		expect(outcome.items).toHaveLength(1);
		const item = outcome.items![0] as Record<string, any>;
		expect(item).toMatchObject({
			event: type,
			locationId: LOCATION,
			webhookId: payload.webhookId,
			timestamp: payload.timestamp,
		});
		expect(item.raw).toEqual(payload);
		if (type.startsWith('Contact')) {
			expect(item.contact).toMatchObject({
				id: payload.id,
				name: payload.name,
				email: payload.email,
				phone: payload.phone,
			});
		} else if (type.startsWith('Task')) {
			expect(item.task).toEqual({
				id: payload.id,
				title: payload.title,
				status: type === 'TaskComplete' ? 'completed' : 'pending',
				dueDate: payload.dueDate,
			});
			expect(item.contactId).toBe(payload.contactId);
		} else if (type.startsWith('Note')) {
			expect(item.note).toEqual({
				id: payload.id,
				body: payload.body,
				dateAdded: payload.dateAdded,
			});
			expect(item.contactId).toBe(payload.contactId);
		} else {
			expect(item.appointment).toMatchObject({
				id: payload.appointment.id,
				title: payload.appointment.title,
				status: payload.appointment.appointmentStatus,
				startTime: payload.appointment.startTime,
			});
			expect(item.contactId).toBe(payload.appointment.contactId);
		}
	});

	it('answers events it was not set up for with 200 and runs nothing', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const other = await trigger.deliver(signed(delivery('TaskCreate'), keys));
		expect(other).toMatchObject({ status: 200, items: null });
		const unknown = await trigger.deliver(
			signed(delivery('ContactCreate', 0, { type: 'OpportunityCreate' }), keys),
		);
		expect(unknown).toMatchObject({ status: 200, items: null });
	});

	it('leaves the raw payload out unless asked', async () => {
		const trigger = await signatureTrigger(keys, ['NoteCreate']);
		const outcome = await trigger.deliver(signed(delivery('NoteCreate'), keys));
		expect(outcome.items![0]).not.toHaveProperty('raw');
	});
});

describe('GHL Webhook Trigger: signatures', () => {
	const forger = generateSigningKeys();

	it('accepts either signature alone when it verifies', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		expect(
			(await trigger.deliver(signed(delivery('ContactCreate'), keys, 'ed25519'))).items,
		).toHaveLength(1);
		expect(
			(await trigger.deliver(signed(delivery('ContactCreate'), keys, 'rsa'))).items,
		).toHaveLength(1);
	});

	it.each([
		['a forged x-ghl-signature', 'ed25519'],
		['a forged x-wh-signature', 'rsa'],
		['both forged', 'both'],
	] as const)('refuses %s with 401 and runs nothing', async (_, scheme) => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const payload = delivery('ContactCreate');
		const good = signed(payload, keys);
		const bad = signed(payload, forger, scheme);
		const outcome = await trigger.deliver({
			body: good.body,
			headers: { ...good.headers, ...bad.headers },
		});
		expect(outcome.status).toBe(401);
		expect(outcome.items).toBeNull();
	});

	it('refuses a body changed after signing, an unsigned body and a garbage signature', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const payload = delivery('ContactCreate');
		const good = signed(payload, keys);
		const tampered = {
			...good,
			body: JSON.stringify({ ...payload, email: 'attacker@example.com' }),
		};
		expect((await trigger.deliver(tampered)).status).toBe(401);
		expect((await trigger.deliver({ body: good.body })).status).toBe(401);
		const garbage = { body: good.body, headers: { 'x-ghl-signature': 'bm90IGEgc2lnbmF0dXJl' } };
		const outcome = await trigger.deliver(garbage);
		expect(outcome).toMatchObject({ status: 401, items: null });
	});

	it('verifies the raw bytes, not a re-serialization of the parsed body', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const pretty = JSON.stringify(delivery('ContactCreate'), null, 2);
		expect((await trigger.deliver(signed(pretty, keys))).items).toHaveLength(1);
	});

	it('checks against HighLevel’s published keys by default, so sandbox-signed events fail', async () => {
		const trigger = await WebhookSession.create({
			type: 'ghlWebhookTrigger',
			parameters: { events: ['ContactCreate'] },
		});
		expect((await trigger.deliver(signed(delivery('ContactCreate'), keys))).status).toBe(401);
	});

	it('says so when an overriding key is not a PEM key', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate'], {
			ed25519PublicKey: 'not a key',
		});
		const outcome = await trigger.deliver(signed(delivery('ContactCreate'), keys));
		expect(outcome.status).toBe(401);
		expect(JSON.stringify(outcome.response)).toContain('not a PEM public key');
	});
});

describe('GHL Webhook Trigger: replays and duplicates', () => {
	it('runs a webhookId once: a retried delivery gets 200 and runs nothing', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const request = signed(delivery('ContactCreate'), keys);
		expect((await trigger.deliver(request)).items).toHaveLength(1);
		expect(await trigger.deliver(request)).toMatchObject({ status: 200, items: null });
		expect(Object.keys(trigger.nodeStaticData().seenWebhookIds as object)).toHaveLength(1);
	});

	it('runs every delivery sent to the test URL and records none of them', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const request = signed(delivery('ContactCreate'), keys);
		expect((await trigger.deliver(request, 'manual')).items).toHaveLength(1);
		expect((await trigger.deliver(request, 'manual')).items).toHaveLength(1);
		expect(trigger.nodeStaticData().seenWebhookIds).toBeUndefined();
		expect((await trigger.deliver(request)).items).toHaveLength(1);
		expect((await trigger.deliver(request)).items).toBeNull();
	});

	it('refuses a timestamp outside the window either way, and honours a wider window', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const stale = await trigger.deliver(signed(delivery('ContactCreate', 6 * 60_000), keys));
		expect(stale).toMatchObject({ status: 401, items: null });
		const future = await trigger.deliver(signed(delivery('ContactCreate', -6 * 60_000), keys));
		expect(future.status).toBe(401);
		const noTimestamp = await trigger.deliver(
			signed(delivery('ContactCreate', 0, { timestamp: undefined }), keys),
		);
		expect(noTimestamp.status).toBe(401);
		expect(
			(await trigger.deliver(signed(delivery('ContactCreate', 4 * 60_000), keys))).items,
		).toHaveLength(1);

		const lenient = await signatureTrigger(keys, ['ContactCreate'], { toleranceMinutes: 30 });
		expect(
			(await lenient.deliver(signed(delivery('ContactCreate', 20 * 60_000), keys))).items,
		).toHaveLength(1);
	});
});

describe('GHL Webhook Trigger: malformed requests', () => {
	it('answers a signed body that is not JSON with 400', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const outcome = await trigger.deliver(signed('{"type": "ContactCreate", ', keys));
		expect(outcome).toMatchObject({ status: 400, items: null });
		expect((await trigger.deliver(signed('[1, 2]', keys))).status).toBe(400);
	});

	it('answers an oversized body with 413 before anything else', async () => {
		const trigger = await signatureTrigger(keys, ['ContactCreate']);
		const payload = delivery('ContactCreate', 0, { padding: 'x'.repeat(1024 * 1024) });
		const outcome = await trigger.deliver(signed(payload, keys));
		expect(outcome).toMatchObject({ status: 413, items: null });
	});
});

describe('GHL Webhook Trigger: shared secret (a GHL workflow’s Webhook action)', () => {
	const SECRET = 'a-long-random-shared-secret-0123456789';
	const workflowPayload = {
		contact_id: 'cWfHook00000000000001',
		first_name: 'Grace',
		last_name: 'Hopper',
		full_name: 'Grace Hopper',
		email: 'grace@example.com',
		phone: '+15550100001',
		customData: { stage: 'onboarding' },
	};

	async function secretTrigger(parameters: Record<string, unknown>) {
		return await WebhookSession.create({
			type: 'ghlWebhookTrigger',
			parameters: {
				events: ['WorkflowWebhook', 'ContactCreate'],
				verification: 'sharedSecret',
				secret: SECRET,
				...parameters,
			},
		});
	}

	it('runs on the right secret in a header and refuses a wrong or missing one', async () => {
		const trigger = await secretTrigger({ headerName: 'X-Hook-Key' });
		const body = JSON.stringify(workflowPayload);
		const ok = await trigger.deliver({ body, headers: { 'x-hook-key': SECRET } });
		expect(ok.items).toEqual([
			{
				event: 'WorkflowWebhook',
				contact: {
					id: 'cWfHook00000000000001',
					name: 'Grace Hopper',
					email: 'grace@example.com',
					phone: '+15550100001',
				},
			},
		]);
		expect((await trigger.deliver({ body, headers: { 'x-hook-key': `${SECRET}x` } })).status).toBe(
			401,
		);
		expect((await trigger.deliver({ body })).status).toBe(401);
		expect(JSON.stringify(trigger.logs)).not.toContain(SECRET);
	});

	it('runs on the right secret in the query and ignores GHL signatures', async () => {
		const trigger = await secretTrigger({ secretIn: 'query', queryParameterName: 'key' });
		const body = JSON.stringify(workflowPayload);
		expect((await trigger.deliver({ body, query: { key: SECRET } })).items).toHaveLength(1);
		expect((await trigger.deliver({ body, query: { key: 'guess' } })).status).toBe(401);
		// A typed, signed GHL event still needs the secret in this mode.
		const typed = signed(delivery('ContactCreate'), keys);
		expect((await trigger.deliver(typed)).status).toBe(401);
		expect((await trigger.deliver({ ...typed, query: { key: SECRET } })).items![0].event).toBe(
			'ContactCreate',
		);
	});

	it('never puts the secret in its output', async () => {
		const trigger = await secretTrigger({});
		const outcome = await trigger.deliver({
			body: JSON.stringify(workflowPayload),
			headers: { 'x-webhook-secret': SECRET },
		});
		expect(JSON.stringify(outcome)).not.toContain(SECRET);
	});
});
