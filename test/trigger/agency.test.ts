import { MAIN_LOCATION_ID, OTHER_LOCATION_ID } from '../../sandbox/identities';
import { agencyCredential, useSandbox } from '../support/ghl';
import { advanceClock, createContact, ids, poll, requestsDuring, trigger } from './support';

/** The polling trigger on an agency connection watches the one sub-account chosen. */
const sandbox = useSandbox({ contacts: 5 });

const watching = (locationId: string) => ({
	authentication: 'oAuth2',
	subAccount: { __rl: true, mode: 'id', value: locationId },
	events: ['newContact'],
});

describe('GHL Contacts Trigger on an agency connection', () => {
	it('emits the new contacts of its sub-account only, each once, searching with that sub-account’s token', async () => {
		const session = await trigger(
			sandbox(),
			watching(OTHER_LOCATION_ID),
			await agencyCredential(sandbox(), 'agency-trigger'),
		);
		expect(await session.poll()).toBeNull();

		await createContact(sandbox(), { firstName: 'Main', locationId: MAIN_LOCATION_ID });
		const other = await createContact(sandbox(), {
			firstName: 'Other',
			locationId: OTHER_LOCATION_ID,
		});
		await advanceClock(sandbox(), 5);
		const sent = await requestsDuring(sandbox(), async () => {
			expect(ids(await poll(session))).toEqual([other.id]);
		});
		expect(sent.map((entry) => entry.operationId)).toEqual(['search-contacts-advanced']);
		expect(sent[0]).toMatchObject({
			tokenType: 'Location',
			tokenLocationId: OTHER_LOCATION_ID,
			body: { locationId: OTHER_LOCATION_ID },
		});
		expect(await session.poll()).toBeNull();
	});

	it('starts afresh, emitting nothing old, when pointed at another sub-account', async () => {
		const session = await trigger(
			sandbox(),
			watching(OTHER_LOCATION_ID),
			await agencyCredential(sandbox(), 'agency-trigger-switch'),
		);
		await session.poll();
		await createContact(sandbox(), { firstName: 'Before', locationId: MAIN_LOCATION_ID });
		await advanceClock(sandbox(), 5);

		session.setParameters(watching(MAIN_LOCATION_ID));
		// The other sub-account's cursor says nothing about this one: nothing old comes out.
		expect(await session.poll()).toBeNull();
		const next = await createContact(sandbox(), {
			firstName: 'After',
			locationId: MAIN_LOCATION_ID,
		});
		await advanceClock(sandbox(), 5);
		expect(ids(await poll(session))).toEqual([next.id]);
	});
});
