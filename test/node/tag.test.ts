import { clearLog, oauthCredential, pitCredential, requestLog, useSandbox } from '../support/ghl';
import {
	byId,
	contactTags,
	fromList,
	ghl,
	listOf,
	runListSearch,
	runLogged,
	someContactIds,
} from './assoc.support';

const sandbox = useSandbox({ contacts: 30, latency: { fixedMs: 0, randomMs: 0 } });

let contacts: string[];
beforeAll(async () => {
	contacts = await someContactIds(sandbox(), 12);
});

const tagOperation = (operation: string, parameters: object) => ({
	parameters: { resource: 'tag', operation, ...parameters },
	credentials: [pitCredential(sandbox())],
});

describe('Tag: Add and Remove', () => {
	it('adds picked and typed tags, trimmed and de-duplicated, and outputs the tags now on the contact', async () => {
		const contactId = contacts[0];
		const before = await contactTags(sandbox(), contactId);
		const run = await runLogged(
			sandbox(),
			tagOperation('add', {
				contactId: byId(contactId),
				tags: listOf(fromList('vip'), {
					__rl: true,
					mode: 'name',
					value: ' sbx-alpha , vip,sbx-beta ',
				}),
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		const [request] = run.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/contacts/${contactId}/tags`);
		expect(request.headers.version).toBe('2021-07-28');
		expect(request.body).toEqual({ tags: ['vip', 'sbx-alpha', 'sbx-beta'] });
		expect(request.status).toBe(201);

		const after = await contactTags(sandbox(), contactId);
		expect(after).toEqual(expect.arrayContaining(['vip', 'sbx-alpha', 'sbx-beta', ...before]));
		expect(run.items).toEqual([
			{
				json: {
					success: true,
					contactId,
					tagsAdded: ['vip', 'sbx-alpha', 'sbx-beta'],
					tags: after,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('removes tags with a JSON body on DELETE, one request per input item, tags mapped as arrays', async () => {
		const [first, second] = [contacts[1], contacts[2]];
		for (const contactId of [first, second]) {
			await ghl(sandbox(), 'POST', `/contacts/${contactId}/tags`, {
				tags: ['sbx-keep', 'sbx-drop'],
			});
		}
		const run = await runLogged(sandbox(), {
			...tagOperation('remove', {
				contactId: byId('={{ $json.id }}'),
				tags: listOf({ __rl: true, mode: 'name', value: '={{ $json.tags }}' }),
			}),
			items: [
				{ id: first, tags: ['sbx-drop'] },
				{ id: second, tags: ['sbx-drop', 'sbx-keep'] },
			],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'DELETE', path: `/contacts/${first}/tags`, body: { tags: ['sbx-drop'] } },
			{
				method: 'DELETE',
				path: `/contacts/${second}/tags`,
				body: { tags: ['sbx-drop', 'sbx-keep'] },
			},
		]);
		const firstTags = await contactTags(sandbox(), first);
		const secondTags = await contactTags(sandbox(), second);
		expect(firstTags).toContain('sbx-keep');
		expect(firstTags).not.toContain('sbx-drop');
		expect(secondTags).not.toContain('sbx-keep');
		expect(secondTags).not.toContain('sbx-drop');
		expect(
			run.items.map((item) => [item.json.contactId, item.json.tagsRemoved, item.pairedItem]),
		).toEqual([
			[first, ['sbx-drop'], { item: 0 }],
			[second, ['sbx-drop', 'sbx-keep'], { item: 1 }],
		]);
		expect(run.items[0].json.tags).toEqual(firstTags);
	});

	it('works with an OAuth2 credential', async () => {
		const contactId = contacts[3];
		const run = await runLogged(sandbox(), {
			parameters: {
				authentication: 'oAuth2',
				resource: 'tag',
				operation: 'add',
				contactId: byId(contactId),
				tags: listOf(fromList('sbx-oauth')),
			},
			credentials: [await oauthCredential(sandbox())],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'POST', path: `/contacts/${contactId}/tags`, body: { tags: ['sbx-oauth'] } },
		]);
		expect(await contactTags(sandbox(), contactId)).toContain('sbx-oauth');
	});

	it('refuses an empty tag list before sending anything', async () => {
		const run = await runLogged(
			sandbox(),
			tagOperation('add', {
				contactId: byId(contacts[0]),
				tags: listOf({ __rl: true, mode: 'name', value: ' , ' }),
			}),
		);

		expect(run.error?.message).toBe('Tags is empty');
		expect(run.requests).toEqual([]);
	});

	it('refuses a write with a read-only token before sending anything', async () => {
		const run = await runLogged(sandbox(), {
			parameters: {
				resource: 'tag',
				operation: 'remove',
				contactId: byId(contacts[0]),
				tags: listOf(fromList('vip')),
			},
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});

	it('refuses a contact ID with a path character before sending anything', async () => {
		// Typed IDs are checked by the editor; a mapped one reaches the node.
		const run = await runLogged(sandbox(), {
			...tagOperation('add', { contactId: byId('={{ $json.id }}'), tags: listOf(fromList('vip')) }),
			items: [{ id: '../locations' }],
		});

		expect(run.error?.message).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});

	it('with Continue On Fail, reports the failing item and carries on', async () => {
		const contactId = contacts[4];
		const run = await runLogged(sandbox(), {
			...tagOperation('add', {
				contactId: byId('={{ $json.id }}'),
				tags: listOf(fromList('sbx-cof')),
			}),
			items: [{ id: 'bad/id' }, { id: contactId }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => request.path)).toEqual([`/contacts/${contactId}/tags`]);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toContain('contains a character an ID cannot have');
		expect(run.items[1]).toMatchObject({
			json: { success: true, contactId },
			pairedItem: { item: 1 },
		});
	});
});

describe('Tag: Bulk Add and Bulk Remove', () => {
	it('adds tags to many contacts and outputs one item per contact, failures included', async () => {
		const [a, b] = [contacts[5], contacts[6]];
		const run = await runLogged(
			sandbox(),
			tagOperation('bulkAdd', {
				contactIds: `${a}, ${b}, not-a-contact, ${a}`,
				tags: listOf(fromList('sbx-bulk')),
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		const [request] = run.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/contacts/bulk/tags/update/add');
		expect(request.headers.version).toBe('2021-07-28');
		expect(request.body).toEqual({
			contacts: [a, b, 'not-a-contact'],
			tags: ['sbx-bulk'],
			locationId: sandbox().mainLocationId,
		});

		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(run.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				contactId: a,
				success: true,
				tagsAdded: ['sbx-bulk'],
				batchErrorCount: 1,
			}),
			expect.objectContaining({
				contactId: b,
				success: true,
				tagsAdded: ['sbx-bulk'],
				batchErrorCount: 1,
			}),
			expect.objectContaining({
				contactId: 'not-a-contact',
				success: false,
				message: expect.stringMatching(/not a valid|not found/),
				batchErrorCount: 1,
			}),
		]);
		// The batch's error count is not any one contact's.
		expect(run.items.filter((item) => 'errorCount' in item.json)).toEqual([]);
		expect(await contactTags(sandbox(), a)).toContain('sbx-bulk');
		expect(await contactTags(sandbox(), b)).toContain('sbx-bulk');
	});

	it('refuses empty Contact IDs before sending anything', async () => {
		const run = await runLogged(sandbox(), {
			...tagOperation('bulkRemove', {
				contactIds: '={{ $json.ids }}',
				tags: listOf(fromList('vip')),
			}),
			items: [{ ids: [] }],
		});

		expect(run.error?.message).toBe('Contact IDs is empty');
		expect(run.requests).toEqual([]);
	});

	it('removes the listed tags from many contacts mapped as an array', async () => {
		const [a, b] = [contacts[7], contacts[8]];
		for (const contactId of [a, b]) {
			await ghl(sandbox(), 'POST', `/contacts/${contactId}/tags`, { tags: ['sbx-x', 'sbx-y'] });
		}
		const mapped = await runLogged(sandbox(), {
			...tagOperation('bulkRemove', {
				contactIds: '={{ $json.ids }}',
				tags: listOf(fromList('sbx-x')),
			}),
			items: [{ ids: [a, b] }],
		});
		expect(mapped.error).toBeUndefined();
		expect(mapped.requests.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{
				method: 'POST',
				path: '/contacts/bulk/tags/update/remove',
				body: { contacts: [a, b], tags: ['sbx-x'], locationId: sandbox().mainLocationId },
			},
		]);
		expect(mapped.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				contactId: a,
				success: true,
				tagsRemoved: ['sbx-x'],
				batchErrorCount: 0,
			}),
			expect.objectContaining({
				contactId: b,
				success: true,
				tagsRemoved: ['sbx-x'],
				batchErrorCount: 0,
			}),
		]);
		for (const contactId of [a, b]) {
			const tags = await contactTags(sandbox(), contactId);
			expect(tags).toContain('sbx-y');
			expect(tags).not.toContain('sbx-x');
		}
	});

	it('removes every tag with Remove All Tags, sending no tag list', async () => {
		const contactId = contacts[9];
		await ghl(sandbox(), 'POST', `/contacts/${contactId}/tags`, { tags: ['sbx-one', 'sbx-two'] });
		const run = await runLogged(
			sandbox(),
			tagOperation('bulkRemove', { contactIds: contactId, removeAllTags: true }),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({
			contacts: [contactId],
			tags: [],
			locationId: sandbox().mainLocationId,
			removeAllTags: true,
		});
		expect(await contactTags(sandbox(), contactId)).toEqual([]);
		expect(run.items[0].json).toMatchObject({ contactId, success: true, batchErrorCount: 0 });
	});

	it('sends the Location ID override, which GHL refuses for another location', async () => {
		const run = await runLogged(
			sandbox(),
			tagOperation('bulkAdd', {
				contactIds: contacts[10],
				tags: listOf(fromList('sbx-elsewhere')),
				requestOptions: { locationId: sandbox().otherLocationId },
			}),
		);

		expect(run.requests.map((request) => [request.body, request.status])).toEqual([
			[expect.objectContaining({ locationId: sandbox().otherLocationId }), 403],
		]);
		expect(run.error?.message).toContain('Bulk Add Tags failed');
	});

	it('refuses a bulk write with a read-only token before sending anything', async () => {
		const run = await runLogged(sandbox(), {
			parameters: {
				resource: 'tag',
				operation: 'bulkAdd',
				contactIds: contacts[10],
				tags: listOf(fromList('vip')),
			},
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});
});

describe('Tag picker', () => {
	it("lists the location's tags by name, filtered", async () => {
		const { tags } = await ghl<{ tags: Array<{ name: string }> }>(
			sandbox(),
			'GET',
			`/locations/${sandbox().mainLocationId}/tags`,
		);
		const all = await runListSearch('searchTags', pitCredential(sandbox()));
		expect(all.results.map((result) => result.value).sort()).toEqual(
			[...new Set(tags.map((tag) => tag.name))].sort(),
		);
		expect(all.results.every((result) => result.name === result.value)).toBe(true);

		const filtered = await runListSearch('searchTags', pitCredential(sandbox()), 'VI');
		expect(filtered.results.length).toBeGreaterThan(1);
		// "VI" is not a tag yet: offered first as typed, then the tags containing it.
		expect(filtered.results[0]).toEqual({ name: 'VI (new tag)', value: 'VI' });
		expect(filtered.results.slice(1).every((result) => String(result.value).includes('vi'))).toBe(
			true,
		);
	});

	it('offers a tag the location does not have as typed, and an existing one only once', async () => {
		const fresh = await runListSearch('searchTags', pitCredential(sandbox()), ' brand-new-tag ');
		expect(fresh.results).toEqual([{ name: 'brand-new-tag (new tag)', value: 'brand-new-tag' }]);

		const existing = await runListSearch('searchTags', pitCredential(sandbox()), 'VIP');
		expect(
			existing.results.filter((result) => String(result.value).toLowerCase() === 'vip'),
		).toEqual([{ name: 'vip', value: 'vip' }]);
	});

	it('without the tags scope, says which scope is missing and that typing works', async () => {
		const credential = pitCredential(sandbox(), 'readWrite', {
			scopes: ['contacts.readonly', 'contacts.write'],
		});
		await clearLog(sandbox());
		await expect(runListSearch('searchTags', credential)).rejects.toThrow(
			/locations\/tags\.readonly.*choose "By Name"/s,
		);
		expect(await requestLog(sandbox())).toEqual([]);
	});
});
