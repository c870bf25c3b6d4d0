import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { hostileCredential, useHostileServer, type HostileAnswer } from '../support/hostileServer';

/** Results a broken GHL makes hard to keep: malformed 2xx, failures among parallel writes, a retried DELETE. */
const server = useHostileServer();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
let credentials = 0;

async function run(
	parameters: INodeParameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	return await runNode({
		type: 'ghlContacts',
		parameters,
		credentials: [hostileCredential(server(), `pit-results-${++credentials}`)],
		...options,
	});
}

/** Note → Create with the body taken from each item's `text`. */
const createNote = (extra: IDataObject = {}) => ({
	resource: 'note',
	operation: 'create',
	contactId: byId('c1'),
	body: '={{ $json.text }}',
	...extra,
});

/** Answers a note create by its body: `answers[body]`, else a well-formed 201. */
function notesAnswering(answers: Record<string, HostileAnswer>) {
	server().script((request) => {
		const text = String((request.body as IDataObject | undefined)?.body ?? '');
		return answers[text] ?? { status: 201, body: { note: { id: `n-${text}`, body: text } } };
	});
}

const notesWritten = () =>
	server()
		.log.filter((r) => r.method === 'POST')
		.map((r) => String((r.body as IDataObject).body));

describe('a malformed 2xx fails only its own item, with a clear error', () => {
	it.each<[string, HostileAnswer, string]>([
		[
			'invalid JSON',
			{ status: 201, raw: '{"note": {', headers: { 'content-type': 'application/json' } },
			'Create Note: GHL answered 201 with a body that is not JSON instead of the record; the change may have been made',
		],
		[
			'an empty body',
			{ status: 201 },
			'Create Note: GHL answered 201 with an empty body instead of the record; the change may have been made',
		],
		[
			'an object without the note',
			{ status: 201, body: { ok: true } },
			"GHL's answer held no record to output for this item",
		],
	])(
		'%s: Continue On Fail keeps every item, the others keep their results',
		async (_name, answer, message) => {
			notesAnswering({ b: answer });
			const result = await run(createNote(), {
				items: [{ text: 'a' }, { text: 'b' }, { text: 'c' }],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(
				result.items.map((item) => [item.json.id ?? item.json.error, item.pairedItem]),
			).toEqual([
				['n-a', { item: 0 }],
				[message, { item: 1 }],
				['n-c', { item: 2 }],
			]);
		},
	);

	it('a read answered with invalid JSON fails with the same kind of error, not a TypeError', async () => {
		server().script(() => ({
			status: 200,
			raw: 'oops',
			headers: { 'content-type': 'application/json' },
		}));
		const result = await run({ resource: 'contact', operation: 'get', contactId: byId('c1') });
		expect(result.error?.message).toBe(
			'Get Contact: GHL answered 200 with a body that is not JSON instead of the record',
		);
	});
});

describe('parallel writes: no write the user cannot see', () => {
	it('when item 2 of 10 fails without Continue On Fail, the error names every item whose write was made', async () => {
		notesAnswering({
			'note 2': { status: 422, body: { statusCode: 422, message: ['body is odd'] } },
		});
		const result = await run(createNote({ requestOptions: { parallelRequests: 5 } }), {
			items: Array.from({ length: 10 }, (_, i) => ({ text: `note ${i}` })),
		});
		expect(result.error?.message).toBe('Create Note failed: body is odd');
		const written = notesWritten().filter((text) => text !== 'note 2');
		expect(written.length).toBeGreaterThan(0);
		const indexes = written.map((text) => Number(text.replace('note ', ''))).sort((a, b) => a - b);
		expect(result.error?.description).toContain(
			`Before the node stopped, ${indexes.length} other item${indexes.length === 1 ? '' : 's'} succeeded (item index ${indexes.join(', ')}): any change they made is in GHL`,
		);
	});
});

describe('a retried DELETE that finds the record gone', () => {
	const deleteContact = { resource: 'contact', operation: 'delete', contactId: byId('c1') };

	it.each<[string, HostileAnswer]>([
		['a 404', { status: 404, body: { statusCode: 404, message: 'Contact not found' } }],
		['a 400 "not found"', { status: 400, body: { statusCode: 400, message: 'Contact not found' } }],
	])('after a 500 (the delete may have happened), %s counts as deleted', async (_name, gone) => {
		server().script((_request, count) =>
			count === 1 ? { status: 500, body: { statusCode: 500, message: 'Internal' } } : gone,
		);
		const result = await run(deleteContact);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ success: true, contactId: 'c1' }]);
		expect(server().log.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
	});

	it('a "not found" on the first attempt stays an error', async () => {
		server().script(() => ({
			status: 404,
			body: { statusCode: 404, message: 'Contact not found' },
		}));
		const result = await run(deleteContact);
		expect(result.error?.message).toBe('Delete Contact failed: Contact not found');
	});
});
