import type { IDataObject } from 'n8n-workflow';

import { oauthCredential, pitCredential, useSandbox } from '../support/ghl';
import { byId, ghl, runLogged, someContactIds } from './assoc.support';

// The seed books an appointment for about one contact in ten; 60 contacts make several likely.
const sandbox = useSandbox({ contacts: 60, latency: { fixedMs: 0, randomMs: 0 } });

let withAppointments: { contactId: string; events: IDataObject[] };
let withoutAppointments: string;
beforeAll(async () => {
	const contactIds = await someContactIds(sandbox(), 60);
	for (const contactId of contactIds) {
		const { events } = await ghl<{ events: IDataObject[] }>(
			sandbox(),
			'GET',
			`/contacts/${contactId}/appointments`,
		);
		if (events.length > 0) withAppointments ??= { contactId, events };
		else withoutAppointments ??= contactId;
	}
	if (!withAppointments) throw new Error('The seed booked no appointment: raise the contact count');
});

const appointmentRun = (parameters: object) => ({
	parameters: { resource: 'appointment', operation: 'getAll', ...parameters },
	credentials: [pitCredential(sandbox())],
});

describe('Appointment: Get Many', () => {
	it('outputs one item per appointment of the contact, from one request', async () => {
		const { contactId, events } = withAppointments;
		const run = await runLogged(
			sandbox(),
			appointmentRun({ contactId: byId(contactId), returnAll: true }),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{ method: 'GET', path: `/contacts/${contactId}/appointments`, query: {}, status: 200 },
		]);
		expect(run.requests[0].headers.version).toBe('2021-07-28');
		expect(run.items).toEqual(events.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('outputs nothing for a contact without appointments and pairs the rest with their input item', async () => {
		const run = await runLogged(sandbox(), {
			...appointmentRun({ contactId: byId('={{ $json.id }}') }),
			items: [{ id: withoutAppointments }, { id: withAppointments.contactId }],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => request.path)).toEqual([
			`/contacts/${withoutAppointments}/appointments`,
			`/contacts/${withAppointments.contactId}/appointments`,
		]);
		expect(run.items).toEqual(
			withAppointments.events.map((json) => ({ json, pairedItem: { item: 1 } })),
		);
	});

	it('works with an OAuth2 credential and with a read-only token', async () => {
		const { contactId, events } = withAppointments;
		for (const credential of [
			await oauthCredential(sandbox()),
			pitCredential(sandbox(), 'readOnly'),
		]) {
			const run = await runLogged(sandbox(), {
				parameters: {
					resource: 'appointment',
					operation: 'getAll',
					authentication: credential.type === 'ghlApi' ? 'privateIntegrationToken' : 'oAuth2',
					contactId: byId(contactId),
					returnAll: true,
				},
				credentials: [credential],
			});
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json)).toEqual(events);
		}
	});

	it('refuses a contact ID with a path character before sending', async () => {
		// A typed ID is checked by the editor's pattern; a mapped one reaches the node.
		const run = await runLogged(sandbox(), {
			...appointmentRun({ contactId: byId('={{ $json.id }}') }),
			items: [{ id: 'abc/../../users' }],
		});

		expect(run.error?.message).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});

	it('without any contacts scope, names the missing scope and sends nothing', async () => {
		const run = await runLogged(sandbox(), {
			...appointmentRun({ contactId: byId(withAppointments.contactId) }),
			credentials: [pitCredential(sandbox(), 'readWrite', { scopes: ['users.readonly'] })],
		});

		expect(run.error?.message).toContain('needs the scope contacts.readonly');
		expect(run.requests).toEqual([]);
	});

	it('with Continue On Fail, reports the failing item and carries on', async () => {
		const { contactId, events } = withAppointments;
		const run = await runLogged(sandbox(), {
			...appointmentRun({ contactId: byId('={{ $json.id }}'), returnAll: true }),
			items: [{ id: 'no?such' }, { id: contactId }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toContain('contains a character an ID cannot have');
		expect(run.items.slice(1)).toEqual(events.map((json) => ({ json, pairedItem: { item: 1 } })));
	});
});
