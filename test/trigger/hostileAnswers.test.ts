import { hostileCredential, useHostileServer } from '../support/hostileServer';
import { PollSession } from '../harness/runPoll';
import { problemsIn } from './support';

const server = useHostileServer();

describe('answers the trigger cannot use', () => {
	it('a contact without a valid date is not emitted, and the log says so once per search', async () => {
		const session = await PollSession.create({
			type: 'ghlContactsTrigger',
			parameters: { events: ['newContact'] },
			credentials: [hostileCredential(server())],
		});
		const dated = { id: 'cDated', dateAdded: '2026-11-30T10:00:00.000Z' };
		server().script(() => ({ status: 200, body: { contacts: [dated] } }));
		expect(await session.poll()).toBeNull();

		const undated = ['cNoDate1', 'cNoDate2'].map((id) => ({ id, dateAdded: 'not a date' }));
		server().script(() => ({ status: 200, body: { contacts: [dated, ...undated] } }));
		expect(await session.poll()).toBeNull();
		expect(problemsIn(session)).toEqual([
			expect.objectContaining({
				level: 'warn',
				message: expect.stringContaining(
					'returned 2 contact(s) without a valid dateAdded (cNoDate1, cNoDate2)',
				),
			}),
		]);
	});
});
