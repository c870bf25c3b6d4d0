import type { INode } from 'n8n-workflow';

import { MAX_PAGES, PageGuard } from '../../nodes/shared/transport/paging';

const node = { name: 'GHL Contacts' } as INode;
const page = (n: number) => Array.from({ length: 3 }, (_, i) => ({ id: `p${n}r${i}` }));

describe('PageGuard', () => {
	it('lets a listing whose cursor moves forward run up to the page cap, then stops it', () => {
		const guard = new PageGuard(node, 'Get Many Contacts', 4);
		for (let n = 1; n < MAX_PAGES; n++) {
			guard.page(page(n));
			guard.next([n, `id${n}`], n);
		}
		guard.page(page(MAX_PAGES));
		expect(() => guard.next([MAX_PAGES, 'last'], MAX_PAGES)).toThrow(
			`Get Many Contacts stopped: it read the most pages a listing may have (${MAX_PAGES})`,
		);
	});

	it('stops on a cursor sent before, even when it is not the last one', () => {
		const guard = new PageGuard(node, 'L');
		guard.page(page(1));
		guard.next('a');
		guard.page(page(2));
		guard.next('b');
		guard.page(page(3));
		expect(() => guard.next('a')).toThrow(/same page cursor again/);
	});

	it('stops on a position that goes back, and accepts one that stays (records sharing a time)', () => {
		const guard = new PageGuard(node, 'L');
		guard.page(page(1));
		guard.next('a', 10);
		guard.page(page(2));
		guard.next('b', 10);
		guard.page(page(3));
		expect(() => guard.next('c', 9)).toThrow(/cursor went back/);
	});

	it('stops on a page that holds only records already returned, not on one that overlaps', () => {
		const guard = new PageGuard(node, 'L');
		guard.page(page(1));
		guard.page([...page(1), { id: 'new' }]);
		expect(() => guard.page([{ id: 'new' }, { id: 'p1r0' }])).toThrow(/page 3 repeats records/);
	});

	it('leaves out the records a page shares with the one before on purpose (offset pages that overlap)', () => {
		const guard = new PageGuard(node, 'L');
		guard.page(page(1));
		// Only the shared record: not a repeat, and nothing new to return.
		expect(guard.page([page(1)[2]], 1)).toEqual([]);
		expect(guard.page([page(1)[2], ...page(2)], 1)).toEqual(page(2));
		expect(() => guard.page([page(2)[2]])).toThrow(/page 4 repeats records/);
	});

	it('refuses pages asked for at once that would pass the page cap, before any is sent', () => {
		const guard = new PageGuard(node, 'Get Many Contacts by Business', undefined, undefined, 10);
		guard.page(page(1));
		expect(() => guard.ahead(9)).not.toThrow();
		expect(() => guard.ahead(10)).toThrow(
			'Get Many Contacts by Business stopped: it would need 11 pages, more than a listing may have (10)',
		);
	});

	it('a resumed listing (a picker page) knows the cursor it was given and the pages before', () => {
		expect(() => new PageGuard(node, 'P', undefined, { pages: 1, cursor: [1] }).next([1])).toThrow(
			/same page cursor/,
		);
		expect(() =>
			new PageGuard(node, 'P', undefined, { pages: MAX_PAGES, cursor: 0 }).next(1),
		).toThrow(/most pages/);
	});
});
