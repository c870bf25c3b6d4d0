import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { pickerContext } from '../harness/pickerContext';
import { PollSession } from '../harness/runPoll';
import { runNode } from '../harness/runNode';
import {
	contactsPage,
	hostileCredential,
	useHostileServer,
	type HostileRequest,
} from '../support/hostileServer';

/** Paged listings against a server whose cursors repeat, go back, or are ignored. */
const server = useHostileServer();

const contactOperation = async (operation: string, parameters: IDataObject = {}) =>
	await runNode({
		type: 'ghlContacts',
		parameters: { resource: 'contact', operation, returnAll: true, ...parameters },
		credentials: [hostileCredential(server())],
	});

const ghlRequests = (): HostileRequest[] => server().log;

/** A business-list answer from `list`, at the request's skip and limit, with its count. */
const businessPage = (list: Array<Record<string, unknown>>, request: HostileRequest) => {
	const skip = Number(request.query.skip);
	return {
		body: { contacts: list.slice(skip, skip + Number(request.query.limit)), count: list.length },
	};
};

describe('A paged listing stops with a clear error when the server would keep it going', () => {
	it('Get Many (search): the same searchAfter on every page stops after the second page', async () => {
		server().script((_request, count) => ({
			body: {
				contacts: contactsPage(count, 500).map((c) => ({ ...c, searchAfter: [1, 'same'] })),
				total: 1_000_000,
			},
		}));
		const run = await contactOperation('getAll');
		expect(run.error?.message).toBe(
			'Get Many Contacts stopped: GHL sent the same page cursor again, so the listing would never end',
		);
		expect(ghlRequests()).toHaveLength(2);
		expect(run.items).toEqual([]);
	});

	it('Get Many (search): a server that ignores the cursor (same page again) stops after two pages', async () => {
		let cursor = 0;
		server().script(() => ({
			body: {
				contacts: contactsPage(1, 500).map((c) => ({ ...c, searchAfter: [cursor++, c.id] })),
			},
		}));
		const run = await contactOperation('getAll');
		expect(run.error?.message).toMatch(/repeats records GHL had already returned/);
		expect(ghlRequests()).toHaveLength(2);
	});

	it('Get Many (Legacy List): a startAfter that goes back stops after the second page', async () => {
		server().script((_request, count) => ({
			body: {
				contacts: contactsPage(count, 100),
				meta: { total: 1_000_000, startAfterId: `cursor${count}`, startAfter: 1_000_000 - count },
			},
		}));
		const run = await contactOperation('getAllLegacy');
		expect(run.error?.message).toMatch(/Legacy List\) stopped: GHL's page cursor went back/);
		expect(ghlRequests()).toHaveLength(2);
		expect(ghlRequests()[1].query).toMatchObject({ startAfterId: 'cursor1' });
	});

	it('Get Many (Legacy List): the same startAfterId again stops, although the read cache answers it', async () => {
		server().script((_request, count) => ({
			body: {
				contacts: contactsPage(count, 100),
				meta: { total: 1_000_000, startAfterId: 'stuck', startAfter: 5 },
			},
		}));
		const run = await contactOperation('getAllLegacy');
		expect(run.error?.message).toMatch(/same page cursor again/);
		expect(ghlRequests()).toHaveLength(2);
	});

	it('Get Many by Business: a server that ignores skip stops at the first page that repeats', async () => {
		server().script(() => ({ body: { contacts: contactsPage(1, 100), count: 1_000 } }));
		const run = await contactOperation('getManyByBusiness', {
			businessId: { __rl: true, mode: 'id', value: 'biz1' },
		});
		expect(run.error?.message).toMatch(/^Get Many Contacts by Business stopped: page 2 repeats/);
		// The first page, then the 10 more the count calls for, at once; none after the error.
		const skips = ghlRequests().map((r) => r.query.skip);
		expect(skips[0]).toBe('0');
		expect(skips.slice(1).sort((a, b) => Number(a) - Number(b))).toEqual(
			Array.from({ length: 10 }, (_, i) => String((i + 1) * 99)),
		);
	});

	it('Get Many by Business: a count past the page cap fails after the first page', async () => {
		server().script((request) => ({
			body: { contacts: contactsPage(Number(request.query.skip), 100), count: 1_000_000 },
		}));
		const run = await contactOperation('getManyByBusiness', {
			businessId: { __rl: true, mode: 'id', value: 'biz1' },
		});
		expect(run.error?.message).toBe(
			'Get Many Contacts by Business stopped: it would need 10101 pages, more than a listing may have (1000)',
		);
		expect(ghlRequests()).toHaveLength(1);
	});

	it('Get Many by Business: a contact added before pages already read is not output twice, and none is lost', async () => {
		const list = contactsPage(1, 250);
		server().script((request, count) => {
			// After the second page was answered, before the third: every later page shifts by one.
			if (count === 3) list.unshift({ id: 'joined', dateAdded: '2025-01-01T00:00:00.000Z' });
			return businessPage(list, request);
		});
		const run = await contactOperation('getManyByBusiness', {
			businessId: { __rl: true, mode: 'id', value: 'biz1' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.id)).toEqual(list.map((contact) => contact.id));
		// The pages did not line up, so the list was read again.
		expect(ghlRequests().filter((r) => r.query.skip === '0')).toHaveLength(2);
	});

	it('Get Many by Business: pages that never line up fail after 3 reads', async () => {
		const list = contactsPage(1, 250);
		server().script((request, count) => {
			if (count > 1) list.unshift({ id: `joined${count}`, dateAdded: '2025-01-01T00:00:00.000Z' });
			return businessPage(list, request);
		});
		const run = await contactOperation('getManyByBusiness', {
			businessId: { __rl: true, mode: 'id', value: 'biz1' },
		});
		expect(run.error?.message).toBe(
			"Get Many Contacts by Business: GHL's pages did not line up in 3 reads",
		);
		expect(ghlRequests().filter((r) => r.query.skip === '0')).toHaveLength(3);
	});

	it('Continue On Fail keeps the error on the item and sends nothing more', async () => {
		server().script((_request, count) => ({
			body: { contacts: contactsPage(count, 500).map((c) => ({ ...c, searchAfter: [1] })) },
		}));
		const run = await runNode({
			type: 'ghlContacts',
			parameters: { resource: 'contact', operation: 'getAll', returnAll: true },
			credentials: [hostileCredential(server())],
			continueOnFail: true,
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{ json: { error: expect.stringMatching(/same page cursor/) }, pairedItem: { item: 0 } },
		]);
		expect(ghlRequests()).toHaveLength(2);
	});

	it('the polling trigger: a contact search cursor that repeats fails the poll', async () => {
		server().script(() => ({
			body: {
				contacts: contactsPage(1, 500).map((c, i) => ({
					...c,
					id: `${c.id}-${ghlRequests().length}`,
					searchAfter: [1_700_000_000_000 + i, 'x'],
				})),
			},
		}));
		const session = await PollSession.create({
			type: 'ghlContactsTrigger',
			parameters: { events: ['newContact'] },
			credentials: [hostileCredential(server())],
		});
		await expect(session.poll()).rejects.toThrow(/Search Contacts stopped: GHL sent the same/);
		expect(ghlRequests()).toHaveLength(2);
	});

	it('the polling trigger: a task search that ignores skip fails the poll', async () => {
		server().script(() => ({
			body: {
				tasks: Array.from({ length: 100 }, (_, i) => ({
					id: `t${i}`,
					contactId: 'c1',
					title: 'T',
					completed: false,
				})),
			},
		}));
		const session = await PollSession.create({
			type: 'ghlContactsTrigger',
			parameters: { events: ['newTask'], taskSource: 'location' },
			credentials: [hostileCredential(server())],
		});
		await expect(session.poll()).rejects.toThrow(/Search Tasks stopped: page 2 repeats/);
		expect(ghlRequests()).toHaveLength(2);
	});

	it('the contact picker refuses a next page whose cursor is the one it was given', async () => {
		server().script(() => ({
			body: { contacts: contactsPage(1, 50).map((c) => ({ ...c, searchAfter: [7, 'same'] })) },
		}));
		const { context, methods } = await pickerContext(hostileCredential(server()));
		const search = methods!.listSearch!.searchContacts;
		const first = (await search.call(context)) as INodeListSearchResult;
		expect(first.results).toHaveLength(50);
		await expect(search.call(context, undefined, String(first.paginationToken))).rejects.toThrow(
			/Search Contacts stopped: GHL sent the same page cursor again/,
		);
		expect((ghlRequests()[1].body as IDataObject).searchAfter).toEqual([7, 'same']);
	});

	it.each([
		['text', 'oops'],
		['an object', { id: 'c1' }],
		['a list of text', ['a', 'b']],
	])(
		'a page whose contacts are %s fails with a clear error, not a TypeError',
		async (_name, contacts) => {
			server().script(() => ({ body: { contacts, total: 10 } }));
			const run = await contactOperation('getAll');
			expect(run.error?.message).toBe("Get Many Contacts: GHL's page 1 is not a list of records");
		},
	);

	it('the business picker refuses a next page that repeats the one before (skip ignored)', async () => {
		server().script(() => ({
			body: { businesses: Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, name: `B${i}` })) },
		}));
		const { context, methods } = await pickerContext(hostileCredential(server()));
		const search = methods!.listSearch!.searchBusinesses;
		const first = (await search.call(context)) as INodeListSearchResult;
		expect(first.results).toHaveLength(100);
		await expect(search.call(context, undefined, String(first.paginationToken))).rejects.toThrow(
			/Search Businesses stopped: GHL sent the same page cursor again/,
		);
		expect(ghlRequests().map((r) => r.query.skip)).toEqual(['0', '100']);
	});
});
