import type { IDataObject } from 'n8n-workflow';

import { control, pitCredential, useSandbox } from '../support/ghl';
import { byId, ghl, runLogged } from './assoc.support';

const sandbox = useSandbox({ contacts: 12000, latency: { fixedMs: 0, randomMs: 0 } });

const contactOperation = (operation: string, parameters: object) => ({
	parameters: { resource: 'contact', operation, ...parameters },
	credentials: [pitCredential(sandbox())],
});

async function contactsInMainLocation(): Promise<number> {
	const stats = await control<{ contactsByLocation: Record<string, number> }>(
		sandbox(),
		'GET',
		'/stats',
	);
	return stats.contactsByLocation[sandbox().mainLocationId];
}

describe('Contact: Get Many (search) over more than 10,000 contacts', () => {
	it('returns every contact exactly once with Return All, in the order page after page gives, repeating the filters on every request', async () => {
		const total = await contactsInMainLocation();
		expect(total).toBeGreaterThanOrEqual(12000);
		const parameters = {
			simple: false,
			filters: {
				dateAddedAfter: '2000-01-01T00:00:00Z',
				rawFilters: '[{"field":"id","operator":"exists"}]',
			},
			sort: { field: 'dateAdded', direction: 'asc' },
		};
		// A Limit reads page after page: the order Return All must keep.
		const sequential = await runLogged(
			sandbox(),
			contactOperation('getAll', { ...parameters, limit: total + 1 }),
		);
		const run = await runLogged(
			sandbox(),
			contactOperation('getAll', { ...parameters, returnAll: true }),
		);

		expect(run.error).toBeUndefined();
		const ids = run.items.map((item) => String(item.json.id));
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		expect(ids).toEqual(sequential.items.map((item) => String(item.json.id)));
		expect(new Set(run.items.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);

		expect(sequential.requests).toHaveLength(Math.ceil((total + 1) / 500));
		// Return All: the first page as before, one request for the far end, then date ranges.
		expect(run.requests.length).toBeLessThanOrEqual(Math.ceil(total / 500) * 1.4);
		const userFilters = [
			{ field: 'dateAdded', operator: 'range', value: { gte: '2000-01-01T00:00:00Z' } },
			{ field: 'id', operator: 'exists' },
		];
		const sort = [{ field: 'dateAdded', direction: 'asc' }];
		run.requests.forEach((request, n) => {
			expect(request).toMatchObject({ method: 'POST', path: '/contacts/search', status: 200 });
			const { searchAfter, filters, ...rest } = request.body as IDataObject;
			expect(rest).toEqual({
				locationId: sandbox().mainLocationId,
				pageLimit: n === 1 ? 1 : 500,
				sort: n === 1 ? [{ field: 'dateAdded', direction: 'desc' }] : sort,
			});
			expect((filters as IDataObject[]).slice(0, 2)).toEqual(userFilters);
			expect((filters as IDataObject[]).length).toBe(n < 2 ? 2 : 3);
			if (n === 0) expect(searchAfter).toBeUndefined();
		});
	});

	it('stops at the Limit, paging past 500 with the cursor', async () => {
		const run = await runLogged(sandbox(), contactOperation('getAll', { limit: 700 }));

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(700);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(700);
		// The second page asks only for the 200 the Limit still lacks.
		expect(run.requests.map((request) => (request.body as IDataObject).pageLimit)).toEqual([
			500, 200,
		]);
		expect((run.requests[1].body as IDataObject).searchAfter).toEqual(expect.any(Array));
		expect(Object.keys(run.items[0].json).sort()).toEqual(
			['dateAdded', 'email', 'id', 'name', 'phone', 'tags'].filter(
				(key) => key in run.items[0].json,
			),
		);
	});
});

describe('Contact: Get Many (Legacy List) paging', () => {
	it('pages with meta.startAfterId and meta.startAfter up to the Limit', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation('getAllLegacy', { limit: 250, simple: false }),
		);

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(250);
		expect(new Set(run.items.map((item) => item.json.id)).size).toBe(250);
		expect(run.requests).toHaveLength(3);
		const [first, second, third] = run.requests.map((request) => request.query);
		expect(first).toEqual({ locationId: sandbox().mainLocationId, limit: '100' });
		const lastOfFirstPage = run.items[99].json;
		expect(second).toEqual({
			locationId: sandbox().mainLocationId,
			limit: '100',
			startAfterId: lastOfFirstPage.id,
			startAfter: String(Date.parse(String(lastOfFirstPage.dateAdded))),
		});
		expect(third.startAfterId).toBe(run.items[199].json.id);
	});
});

describe('Contact: Get Many by Business paging', () => {
	it('returns all contacts of a business, paging with skip', async () => {
		const businessId = `biz${Date.now()}`;
		const { ids } = await control<{ ids: string[] }>(sandbox(), 'POST', '/bulk/contacts', {
			count: 150,
			businessId,
		});
		const run = await runLogged(
			sandbox(),
			contactOperation('getManyByBusiness', { businessId: byId(businessId), returnAll: true }),
		);

		expect(run.error).toBeUndefined();
		// The second page starts at the last contact of the first, to see that they line up.
		expect(run.requests.map((request) => request.query)).toEqual([
			{ locationId: sandbox().mainLocationId, limit: '100', skip: '0' },
			{ locationId: sandbox().mainLocationId, limit: '100', skip: '99' },
		]);
		expect(run.items.map((item) => item.json.id).sort()).toEqual([...ids].sort());
	});

	it('reads the pages after the first at once: 1,000 contacts in 11 requests, 10 of them together', async () => {
		const businessId = `biz${Date.now()}c`;
		await control(sandbox(), 'POST', '/bulk/contacts', { count: 1_000, businessId });
		// A full rate-limit window, so that the pacer holds nothing back.
		await control(sandbox(), 'POST', '/clock', { advanceMs: 10_000 });
		const inOrder: string[] = [];
		for (let skip = 0; skip < 1_000; skip += 100) {
			const page = await ghl<{ contacts: Array<{ id: string }> }>(
				sandbox(),
				'GET',
				`/contacts/business/${businessId}?locationId=${sandbox().mainLocationId}&limit=100&skip=${skip}`,
			);
			inOrder.push(...page.contacts.map((contact) => contact.id));
		}
		const latencyMs = 400;
		await control(sandbox(), 'PUT', '/config', { latency: { fixedMs: latencyMs } });
		try {
			const run = await runLogged(
				sandbox(),
				contactOperation('getManyByBusiness', { businessId: byId(businessId), returnAll: true }),
			);

			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => item.json.id)).toEqual(inOrder);
			const skips = run.requests.map((request) => Number(request.query.skip));
			expect(skips.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, k) => k * 99));
			// Page after page, each would arrive a latency after the one before.
			const [first, ...rest] = run.requests.map((request) => request.at);
			expect(Math.min(...rest) - first).toBeGreaterThanOrEqual(latencyMs);
			expect(Math.max(...rest) - Math.min(...rest)).toBeLessThan(latencyMs);
		} finally {
			await control(sandbox(), 'PUT', '/config', { latency: { fixedMs: 0 } });
		}
	});

	it('keeps no copy of the pages: a second item reading the same list sends its own requests', async () => {
		const businessId = `biz${Date.now()}b`;
		await control(sandbox(), 'POST', '/bulk/contacts', { count: 150, businessId });
		const run = await runLogged(sandbox(), {
			...contactOperation('getManyByBusiness', { businessId: byId(businessId), returnAll: true }),
			items: [{}, {}],
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(300);
		// Cached, the second item's two pages would be answered from the first item's copies.
		expect(run.requests.map((request) => request.query.skip)).toEqual(['0', '0', '99', '99']);
	});
});
