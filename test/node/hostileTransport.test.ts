import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { hostileCredential, useHostileServer, type HostileServer } from '../support/hostileServer';

/** The transport inside n8n's engine against a server that answers as a broken or malicious GHL would. */
const server = useHostileServer();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
let credentials = 0;

/** Runs one operation with a credential of its own (its own rate-limit budget in the pacer). */
async function run(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return await runNode({
		type: 'ghlContacts',
		parameters,
		credentials: [hostileCredential(server(), `pit-hostile-${++credentials}`)],
		...options,
	});
}

const getContact = { resource: 'contact', operation: 'get', contactId: byId('c1') };
const createNote = { resource: 'note', operation: 'create', contactId: byId('c1'), body: 'Hello' };

const ghlRequests = (s: HostileServer = server()) => s.log;

describe('waits have a ceiling (n8n engine)', () => {
	it('a 429 with Retry-After of an hour fails the item at once; Continue On Fail keeps it', async () => {
		server().script(() => ({
			status: 429,
			headers: { 'retry-after': '3600' },
			body: { statusCode: 429, message: 'Too Many Requests' },
		}));
		const result = await run(getContact, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: {
					error:
						"Get Contact was not sent: GHL's rate-limit headers ask to wait 3601 s before trying again, longer than the node waits (60 s)",
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(ghlRequests()).toHaveLength(1);
	});
});

describe('every attempt has a deadline for the whole answer (n8n engine)', () => {
	it('a create whose answer trickles in a byte every 2 s fails at the deadline and is sent once', async () => {
		// Headers at once, then 25 bytes 2 s apart: the idle timer never fires, the answer would end after 50 s.
		server().script(() => ({
			status: 201,
			raw: JSON.stringify({ note: { id: 'n1', body: 'Hello' } }),
			headers: { 'content-type': 'application/json' },
			trickle: { everyMs: 2_000, bytes: 25 },
		}));
		const result = await run(createNote, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: { error: 'Create Note failed: GHL did not send its whole answer in time' },
				pairedItem: { item: 0 },
			},
		]);
		expect(ghlRequests()).toHaveLength(1);
	}, 45_000);
});
