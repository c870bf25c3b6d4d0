import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { contactTags, ghl, listOf, someContactIds } from '../node/assoc.support';
import { clearLog, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { contactIdFromItem, pairedIndexes } from './support';

const sandbox = useSandbox({ contacts: 260, latency: { fixedMs: 5, randomMs: 0 } });

const typed = (value: string) => ({ __rl: true, mode: 'name', value });

let ids: string[];
beforeAll(async () => {
	ids = await someContactIds(sandbox(), 250);
});

const tagItems = (operation: 'add' | 'remove', items: IDataObject[], combineIntoBulk = true) => ({
	type: 'ghlContacts',
	parameters: {
		resource: 'tag',
		operation,
		contactId: contactIdFromItem,
		tags: listOf(typed('={{ $json.tag }}')),
		combineIntoBulk,
	} as INodeParameters,
	credentials: [pitCredential(sandbox())],
	items,
	continueOnFail: true,
});

describe('Tag Add / Remove combined into bulk requests', () => {
	it('groups items by tags, 100 contacts a request, and maps each contact back to its item', async () => {
		const [deleted] = ids.slice(-1);
		await ghl(sandbox(), 'DELETE', `/contacts/${deleted}`);
		const items = ids.map((id, index) => ({ id, tag: index % 3 === 0 ? 'bulk-a' : 'bulk-b' }));
		items.splice(7, 0, { id: 'nosuchcontact0000001', tag: 'bulk-a' });
		await clearLog(sandbox());
		const run = await runNode(tagItems('add', items));

		const requests = await requestLog(sandbox());
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
			Array(requests.length).fill('POST /contacts/bulk/tags/update/add'),
		);
		const sentFor = (tag: string) =>
			requests.filter((r) => (r.body as { tags: string[] }).tags[0] === tag);
		const contactsIn = (tag: string) =>
			sentFor(tag).flatMap((r) => (r.body as { contacts: string[] }).contacts);
		// 84 + 1 contacts want bulk-a and 166 bulk-b: one and two requests.
		expect(sentFor('bulk-a')).toHaveLength(1);
		expect(sentFor('bulk-b')).toHaveLength(2);
		expect(contactsIn('bulk-a').sort()).toEqual(
			items
				.filter((i) => i.tag === 'bulk-a')
				.map((i) => i.id)
				.sort(),
		);
		expect(contactsIn('bulk-b').sort()).toEqual(
			items
				.filter((i) => i.tag === 'bulk-b')
				.map((i) => i.id)
				.sort(),
		);
		expect(
			Math.max(...requests.map((r) => (r.body as { contacts: string[] }).contacts.length)),
		).toBe(100);

		expect(run.error).toBeUndefined();
		expect(pairedIndexes(run.items)).toEqual(items.map((_item, index) => index));
		run.items.forEach(({ json }, index) => {
			const { id, tag } = items[index];
			if (id === deleted || index === 7) {
				expect(json.error).toMatch(
					new RegExp(`Add Tags failed for contact ${id}: contact (is deleted|not found)`),
				);
			} else {
				expect(json).toMatchObject({ success: true, contactId: id, tagsAdded: [tag] });
				expect(json.tags).toContain(tag);
			}
		});
		expect(await contactTags(sandbox(), ids[0])).toContain('bulk-a');
		expect(await contactTags(sandbox(), ids[1])).toContain('bulk-b');
		// The item's tags are what the contact now has, as the single-contact operation reports.
		expect(run.items[0].json.tags).toEqual(await contactTags(sandbox(), ids[0]));
	});

	it('removes in bulk, one request for a repeated contact, each item answered', async () => {
		const items = [ids[3], ids[4], ids[3]].map((id) => ({ id, tag: 'bulk-a' }));
		await clearLog(sandbox());
		const run = await runNode(tagItems('remove', items));

		const requests = await requestLog(sandbox());
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/contacts/bulk/tags/update/remove');
		expect(requests[0].body).toMatchObject({ contacts: [ids[3], ids[4]], tags: ['bulk-a'] });
		expect(run.items.map(({ json }) => json.contactId)).toEqual([ids[3], ids[4], ids[3]]);
		expect(run.items.every(({ json }) => json.success === true)).toBe(true);
		expect(await contactTags(sandbox(), ids[3])).not.toContain('bulk-a');
	});

	it('sends one request per item when the option is off', async () => {
		const items = ids.slice(10, 13).map((id) => ({ id, tag: 'single' }));
		await clearLog(sandbox());
		await runNode(tagItems('add', items, false));
		const paths = (await requestLog(sandbox())).map((r) => r.path).sort();
		expect(paths).toEqual(items.map((item) => `/contacts/${item.id}/tags`).sort());
	});
});
