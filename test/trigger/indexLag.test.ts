import { useSandbox } from '../support/ghl';
import { advanceClock, createContact, ids, poll, trigger } from './support';

const LAG_MS = 10_000;
const sandbox = useSandbox({ contacts: 10, indexLagMs: LAG_MS });

describe('contacts that reach search late', () => {
	it('are emitted once they are searchable, even behind newer ones already emitted', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] });
		await advanceClock(sandbox(), LAG_MS);
		expect(await session.poll()).toBeNull();

		const early = await createContact(sandbox(), { firstName: 'Early' });
		expect(await session.poll()).toBeNull(); // not searchable yet
		await advanceClock(sandbox(), LAG_MS);
		expect(ids(await poll(session))).toEqual([early.id]);

		// Stamped 20 s before the contact already emitted, but searchable only now: a cursor
		// without an overlap window would have moved past it for good.
		const late = await createContact(sandbox(), {
			firstName: 'Late',
			dateAdded: (early.dateAdded as number) - 20_000,
		});
		const after = await createContact(sandbox(), { firstName: 'After' });
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), LAG_MS);
		expect(ids(await poll(session))).toEqual([late.id, after.id]);
		expect(await session.poll()).toBeNull();
	});

	it('beyond the lag allowance are not waited for (the window is an option)', async () => {
		const session = await trigger(sandbox(), {
			events: ['newContact'],
			options: { overlapSeconds: 5 },
		});
		await advanceClock(sandbox(), LAG_MS);
		await session.poll();
		const first = await createContact(sandbox());
		await advanceClock(sandbox(), LAG_MS);
		expect(ids(await poll(session))).toEqual([first.id]);
		// 60 s: the sandbox clock runs 20 s ahead of n8n's, which the cursor never passes.
		await createContact(sandbox(), { dateAdded: (first.dateAdded as number) - 60_000 });
		await advanceClock(sandbox(), LAG_MS);
		expect(await session.poll()).toBeNull();
	});
});
