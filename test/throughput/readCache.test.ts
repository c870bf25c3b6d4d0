import type { IDataObject, INode } from 'n8n-workflow';

import type { GhlConnection, GhlContext } from '../../nodes/shared/transport/connection';
import { ReadCache } from '../../nodes/shared/transport/readCache';
import { RateLimitPacer } from '../../nodes/shared/transport/rateLimit';
import { ghlApiRequest, systemClock, type GhlRequest } from '../../nodes/shared/transport/request';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/transport/retry';
import { runNode } from '../harness/runNode';
import { someContactIds } from '../node/assoc.support';
import { clearLog, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { contactIdFromItem, pairedIndexes } from './support';

const node = { name: 'GHL Contacts' } as INode;

/** A context whose request helper answers every call with a fresh body and records the URL. */
function recordingContext() {
	const sent: string[] = [];
	const ctx = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async (
				_type: string,
				options: { method: string; url: string },
			) => {
				sent.push(`${options.method} ${options.url}`);
				return { statusCode: 200, headers: {}, body: { n: sent.length } };
			},
		},
	} as unknown as GhlContext;
	return { ctx, sent };
}

const connection = (): GhlConnection => ({
	credentialType: 'ghlApi',
	credentialId: 'cred',
	baseUrl: 'http://ghl.test',
	locationId: 'loc1',
	grantedScopes: new Set(['contacts.readonly', 'contacts.write']),
	budgetKey: 'k',
	secrets: [],
	reads: new ReadCache(),
});

const settings = { clock: systemClock, retry: DEFAULT_RETRY_POLICY, pacer: new RateLimitPacer() };
const getContact = (contactId: string): GhlRequest => ({
	operationId: 'get-contact',
	label: 'Get Contact',
	pathParams: { contactId },
});
const call = (ctx: GhlContext, conn: GhlConnection, request: GhlRequest) =>
	ghlApiRequest.call(ctx, conn, request, settings) as Promise<IDataObject>;

describe('Reads within one execution', () => {
	it('sends identical GETs once, also when asked at the same time, and hands out copies', async () => {
		const { ctx, sent } = recordingContext();
		const conn = connection();
		const answers = await Promise.all([1, 2, 3].map(() => call(ctx, conn, getContact('c1'))));
		answers[0].n = 'changed by one item';
		expect(await call(ctx, conn, getContact('c1'))).toEqual({ n: 1 });
		expect(answers.slice(1)).toEqual([{ n: 1 }, { n: 1 }]);
		expect(sent).toEqual(['GET http://ghl.test/contacts/c1']);
	});

	it('tells reads apart by path and query', async () => {
		const { ctx, sent } = recordingContext();
		const conn = connection();
		await call(ctx, conn, getContact('c1'));
		await call(ctx, conn, getContact('c2'));
		const list = (qs: object): GhlRequest => ({
			operationId: 'get-contacts',
			label: 'List',
			qs: qs as never,
		});
		await call(ctx, conn, list({ locationId: 'loc1', limit: 10 }));
		await call(ctx, conn, list({ limit: 10, locationId: 'loc1' }));
		await call(ctx, conn, list({ locationId: 'loc1', limit: 20 }));
		expect(sent).toHaveLength(4);
	});

	it("never caches writes; a write to a contact drops its reads, not other contacts'", async () => {
		const { ctx, sent } = recordingContext();
		const conn = connection();
		const tasks: GhlRequest = {
			operationId: 'get-all-tasks',
			label: 'Tasks',
			pathParams: { contactId: 'c1' },
		};
		await call(ctx, conn, getContact('c1'));
		await call(ctx, conn, tasks);
		await call(ctx, conn, getContact('c2'));
		const addTag: GhlRequest = {
			operationId: 'add-tags',
			label: 'Add Tags',
			pathParams: { contactId: 'c1' },
			body: { tags: ['x'] },
		};
		await call(ctx, conn, addTag);
		await call(ctx, conn, addTag);
		await call(ctx, conn, getContact('c1'));
		await call(ctx, conn, tasks);
		await call(ctx, conn, getContact('c2'));
		expect(sent).toEqual([
			'GET http://ghl.test/contacts/c1',
			'GET http://ghl.test/contacts/c1/tasks',
			'GET http://ghl.test/contacts/c2',
			'POST http://ghl.test/contacts/c1/tags',
			'POST http://ghl.test/contacts/c1/tags',
			'GET http://ghl.test/contacts/c1',
			'GET http://ghl.test/contacts/c1/tasks',
		]);
	});

	it('drops every contact read on a write to the collection, but not on a search', async () => {
		const { ctx, sent } = recordingContext();
		const conn = connection();
		await call(ctx, conn, getContact('c1'));
		await call(ctx, conn, {
			operationId: 'search-contacts-advanced',
			label: 'Search',
			body: { locationId: 'loc1', pageLimit: 1 },
		});
		await call(ctx, conn, getContact('c1'));
		await call(ctx, conn, {
			operationId: 'create-contact',
			label: 'Create',
			body: { locationId: 'loc1' },
		});
		await call(ctx, conn, getContact('c1'));
		expect(sent.filter((entry) => entry.startsWith('GET'))).toHaveLength(2);
	});
});

describe('Reads through the engine', () => {
	const sandbox = useSandbox({ contacts: 20, latency: { fixedMs: 5, randomMs: 0 } });

	it('fetches a contact looked up by 40 items once per execution, and again in the next one', async () => {
		const [id, other] = await someContactIds(sandbox(), 2);
		const items = Array.from({ length: 40 }, (_v, index) => ({
			id: index % 10 === 9 ? other : id,
		}));
		const options = {
			type: 'ghlContacts',
			parameters: { resource: 'contact', operation: 'get', contactId: contactIdFromItem },
			credentials: [pitCredential(sandbox())],
			items,
		};
		await clearLog(sandbox());
		const run = await runNode(options);
		await runNode(options);

		expect(run.items.map((item) => item.json.id)).toEqual(items.map((item) => item.id));
		expect(pairedIndexes(run.items)).toEqual(items.map((_item, index) => index));
		const paths = (await requestLog(sandbox())).map((request) => request.path).sort();
		expect(paths).toEqual(
			[`/contacts/${id}`, `/contacts/${id}`, `/contacts/${other}`, `/contacts/${other}`].sort(),
		);
	});
});
