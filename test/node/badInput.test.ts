import type { IDataObject } from 'n8n-workflow';

import type { RunningSandbox } from '../../sandbox/types';
import { runNode } from '../harness/runNode';
import { clearLog, control, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { byId } from './assoc.support';

/**
 * The bad-input matrix cases that only the API can decide, run through n8n's engine against the
 * sandbox: a revoked token, another location's record, a 422 from GHL, a 429 storm and server
 * faults. Each must end in the right outcome, with no duplicate write and no token in any message.
 */
const sandbox = useSandbox({ contacts: 10 });
/** Four requests per half second: enough to make parallel items collide with the limit. */
const throttled = useSandbox({
	contacts: 10,
	rateLimit: { burst: 4, windowMs: 500, daily: 1_000_000 },
});

async function newContact(target: RunningSandbox, locationId = target.mainLocationId) {
	const { contact } = await control<{ contact: { id: string } }>(target, 'POST', '/contacts', {
		locationId,
		firstName: 'Matrix',
		email: `matrix.${Math.random().toString(36).slice(2)}@example.com`,
	});
	return contact.id;
}

async function noteCount(target: RunningSandbox): Promise<number> {
	return (await control<{ notes: number }>(target, 'GET', '/stats')).notes;
}

function expectNoSecrets(text: string, target: RunningSandbox) {
	for (const token of Object.values(target.tokens)) expect(text).not.toContain(token);
	expect(text).not.toMatch(/pit-sbx-/);
}

const getContact = (contactId: string) => ({
	resource: 'contact',
	operation: 'get',
	contactId: byId(contactId),
});

beforeEach(async () => {
	await clearLog(sandbox());
	await control(sandbox(), 'PUT', '/faults', {
		errorRate: 0,
		resetRate: 0,
		hangRate: 0,
		schedule: [],
	});
});

it('a revoked token: one request, a 401 that says what to do, and no token in the message', async () => {
	const { token } = await control<{ token: string }>(sandbox(), 'POST', '/tokens', {
		scopes: ['contacts.readonly', 'contacts.write'],
		locationId: sandbox().mainLocationId,
	});
	await control(sandbox(), 'DELETE', `/tokens/${token}`);
	const contactId = await newContact(sandbox());
	const run = await runNode({
		type: 'ghlContacts',
		parameters: getContact(contactId),
		credentials: [pitCredential(sandbox(), 'readWrite', { token })],
	});
	expect(run.error?.message).toContain('Invalid token');
	expect(run.error?.description).toMatch(/invalid, revoked or expired/);
	expect(JSON.stringify(run.error)).not.toContain(token);
	expect((await requestLog(sandbox())).map((entry) => entry.status)).toEqual([401]);
});

it("another location's contact: 403 with the location hint", async () => {
	const foreign = await newContact(sandbox(), sandbox().otherLocationId);
	const run = await runNode({
		type: 'ghlContacts',
		parameters: getContact(foreign),
		credentials: [pitCredential(sandbox())],
	});
	expect(run.error?.message).toContain('The token does not have access to this location.');
	expect(run.error?.description).toMatch(/another location/);
	expectNoSecrets(JSON.stringify(run.error), sandbox());
});

it("GHL's 422 message list reaches the user, joined, for what only the API can judge", async () => {
	const run = await runNode({
		type: 'ghlContacts',
		parameters: {
			resource: 'contact',
			operation: 'getAll',
			limit: 5,
			filters: { rawFilters: JSON.stringify([{ field: 'email', operator: 'almost', value: 'x' }]) },
		},
		credentials: [pitCredential(sandbox())],
	});
	const log = await requestLog(sandbox());
	expect(log.map((entry) => entry.status)).toEqual([422]);
	expect(run.error?.message).toMatch(/^Get Many Contacts failed: .*operator/);
	expect((run.error as unknown as { httpCode: string }).httpCode).toBe('422');
});

describe('server faults', () => {
	it('retries a read after a 500 and succeeds', async () => {
		const contactId = await newContact(sandbox());
		await control(sandbox(), 'PUT', '/faults', {
			schedule: [{ operationId: 'get-contact', nth: 1, fault: 500 }],
		});
		const run = await runNode({
			type: 'ghlContacts',
			parameters: getContact(contactId),
			credentials: [pitCredential(sandbox())],
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json.id).toBe(contactId);
		expect((await requestLog(sandbox())).map((entry) => entry.status)).toEqual([500, 200]);
	});

	it('never resends a create after a 500 whose write went through: one note, an error on the item', async () => {
		const contactId = await newContact(sandbox());
		const before = await noteCount(sandbox());
		await control(sandbox(), 'PUT', '/faults', {
			schedule: [{ operationId: 'create-note', nth: 1, fault: 500, afterHandler: true }],
		});
		const run = await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'note',
				operation: 'create',
				contactId: byId(contactId),
				body: 'Once only',
			},
			credentials: [pitCredential(sandbox())],
			continueOnFail: true,
		});
		expect(run.items).toHaveLength(1);
		expect(String(run.items[0].json.error)).toContain('Create Note failed');
		expect(await noteCount(sandbox())).toBe(before + 1);
		expect((await requestLog(sandbox())).map((entry) => entry.method)).toEqual(['POST']);
	});

	it('resends a create after a 503 (not processed) and writes it exactly once', async () => {
		const contactId = await newContact(sandbox());
		const before = await noteCount(sandbox());
		await control(sandbox(), 'PUT', '/faults', {
			schedule: [{ operationId: 'create-note', nth: 1, fault: 503 }],
		});
		const run = await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'note',
				operation: 'create',
				contactId: byId(contactId),
				body: 'After a 503',
			},
			credentials: [pitCredential(sandbox())],
		});
		expect(run.error).toBeUndefined();
		expect(await noteCount(sandbox())).toBe(before + 1);
		expect((await requestLog(sandbox())).map((entry) => entry.status)).toEqual([503, 201]);
	});
});

it('a 429 storm: every item succeeds, each write lands once, no 429 reaches the user', async () => {
	const contactId = await newContact(throttled());
	const before = await noteCount(throttled());
	await clearLog(throttled());
	const items: IDataObject[] = Array.from({ length: 12 }, (_, index) => ({
		text: `Note ${index}`,
	}));
	const run = await runNode({
		type: 'ghlContacts',
		parameters: {
			resource: 'note',
			operation: 'create',
			contactId: byId(contactId),
			body: '={{ $json.text }}',
			requestOptions: { parallelRequests: 6 },
		},
		credentials: [pitCredential(throttled())],
		items,
	});
	expect(run.error).toBeUndefined();
	expect(run.items.map((item) => item.json.body)).toEqual(items.map((item) => item.text));
	expect(run.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	expect(await noteCount(throttled())).toBe(before + 12);
	const statuses = (await requestLog(throttled())).map((entry) => entry.status);
	expect(statuses.filter((status) => status === 201)).toHaveLength(12);
	// Six requests start before any budget report arrives, against a budget of four: a storm.
	expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
});
