import type { INode } from 'n8n-workflow';

import type { GhlConnection, GhlContext } from '../../nodes/shared/transport/connection';
import { RateLimitPacer } from '../../nodes/shared/transport/rateLimit';
import { ghlApiRequest, systemClock } from '../../nodes/shared/transport/request';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/transport/retry';
import { someContactIds } from '../node/assoc.support';
import { clearLog, control, requestLog, useSandbox } from '../support/ghl';
import { count, statusesOf } from './support';

// GHL's fixed window, scaled down so that several windows pass in a test. The budget stays several
// times what both workers have in flight (GHL's 100 is ten times two workers' 5 each): from the
// first window on, each sees the other in the counts before the window's last requests.
const sandbox = useSandbox({
	contacts: 150,
	latency: { fixedMs: 20, randomMs: 10 },
	rateLimit: { burst: 50, windowMs: 1_000, daily: 200_000 },
});

const node = { name: 'GHL Contacts' } as INode;

/** n8n's request helper, reduced to what the transport asks of it: a signed request, answered in full. */
const context = (): GhlContext =>
	({
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				options: { method: string; url: string; headers: Record<string, string> },
			) => {
				const response = await fetch(options.url, {
					method: options.method,
					headers: { ...options.headers, Authorization: `Bearer ${sandbox().tokens.readWrite}` },
				});
				return {
					statusCode: response.status,
					headers: Object.fromEntries(response.headers),
					body: await response.json(),
				};
			},
		},
	}) as unknown as GhlContext;

/**
 * One n8n worker: its own pacer (its own memory), working through `contactIds` with `parallel`
 * requests in flight, as Parallel Requests does within one execution.
 */
async function worker(contactIds: string[], parallel: number): Promise<string[]> {
	const settings = { clock: systemClock, retry: DEFAULT_RETRY_POLICY, pacer: new RateLimitPacer() };
	const connection: GhlConnection = {
		credentialType: 'ghlApi',
		credentialId: 'cred',
		baseUrl: sandbox().url,
		locationId: sandbox().mainLocationId,
		grantedScopes: new Set(['contacts.readonly']),
		// The same token and location in both workers: one budget on the server.
		budgetKey: 'pit:location',
		secrets: [],
	};
	const ctx = context();
	const got: string[] = [];
	let next = 0;
	const lane = async () => {
		while (next < contactIds.length) {
			const contactId = contactIds[next++];
			const answer = await ghlApiRequest.call(
				ctx,
				connection,
				{ operationId: 'get-contact', label: 'Get Contact', pathParams: { contactId } },
				settings,
			);
			got.push((answer as { contact: { id: string } }).contact.id);
		}
	};
	await Promise.all(Array.from({ length: parallel }, lane));
	return got;
}

describe('Two workers sharing one token and location (queue mode)', () => {
	it('pace each other through the headers: every request answered, none refused', async () => {
		const ids = await someContactIds(sandbox(), 125);
		await control(sandbox(), 'POST', '/clock', { advanceMs: 60_000 });
		await clearLog(sandbox());

		const [first, second] = await Promise.all([worker(ids, 5), worker(ids, 5)]);

		expect(first.sort()).toEqual([...ids].sort());
		expect(second.sort()).toEqual([...ids].sort());
		const log = await requestLog(sandbox());
		expect(count(statusesOf(log), 429)).toBe(0);
		expect(count(statusesOf(log), 200)).toBe(250);
	});
});
