import { useSandbox } from '../support/ghl';
import { advanceClock, createContact, ids, poll, trigger } from './support';

const SKEW = 15 * 60_000;

/**
 * The cursor is the server's own timestamps, so a GHL clock ahead of or behind n8n's loses and
 * repeats nothing (a cursor taken from n8n's clock would skip every contact of the next 15
 * minutes when GHL is behind, and re-read them when it is ahead).
 */
describe.each([
	['ahead of', SKEW],
	['behind', -SKEW],
])('with the GHL clock %s n8n’s', (_label, offset) => {
	const sandbox = useSandbox({ contacts: 10 });
	beforeAll(async () => {
		await advanceClock(sandbox(), offset);
	});

	it('emits nothing old, then every new and changed contact once', async () => {
		const session = await trigger(sandbox(), { events: ['newContact', 'contactUpdated'] });
		expect(await session.poll()).toBeNull();
		const created = await createContact(sandbox(), { firstName: 'Skewed' });
		expect(ids(await poll(session))).toEqual([created.id]);
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		const second = await createContact(sandbox(), { firstName: 'Later' });
		expect(ids(await poll(session))).toEqual([second.id]);
		expect(await session.poll()).toBeNull();
	});
});
