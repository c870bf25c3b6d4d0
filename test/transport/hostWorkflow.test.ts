import type * as RequestModule from '../../nodes/shared/transport/request';

/**
 * An installed node runs on n8n's own n8n-workflow. n8n 2.41's has no `sleepWithAbort`: the
 * deadline timer must still run out, and an aborted one must not report a timeout.
 */
function systemClockWithout(name: string): typeof RequestModule.systemClock {
	let clock: typeof RequestModule.systemClock | undefined;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => {
			const actual = jest.requireActual<Record<string, unknown>>('n8n-workflow');
			return { ...actual, [name]: undefined };
		});
		clock = (jest.requireActual('../../nodes/shared/transport/request') as typeof RequestModule)
			.systemClock;
	});
	jest.dontMock('n8n-workflow');
	if (!clock) throw new Error('the transport did not load');
	return clock;
}

describe('the deadline timer on an n8n-workflow without sleepWithAbort (n8n 2.41)', () => {
	const { timer } = systemClockWithout('sleepWithAbort');

	it('resolves once its time has run out', async () => {
		await expect(timer(30, new AbortController().signal)).resolves.toBeUndefined();
	});

	it('rejects, instead of reporting a timeout, when the exchange finished first', async () => {
		const finished = new AbortController();
		const expired = timer(30, finished.signal);
		finished.abort();
		await expect(expired).rejects.toThrow('aborted');
	});
});
