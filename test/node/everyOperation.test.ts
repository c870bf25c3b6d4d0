import type { IDataObject } from 'n8n-workflow';

import { LOCATION_OPERATIONS } from '../../nodes/GhlContacts/helpers/location';
import contactsSpec from '../../sandbox/spec/contacts.json';
import type { StoredCredential } from '../harness/credentialsHelper';
import { runNode } from '../harness/runNode';
import { clearLog, oauthCredential, pitCredential, requestLog, useSandbox } from '../support/ghl';
import { byId, fromList, ghl, listOf } from './assoc.support';

/**
 * Every operation of the node, once with each credential type, through n8n's engine: the
 * sandbox must receive exactly the spec operation the node claims to call, authenticated and
 * versioned, and the item must come out paired with its input. Together the rows must cover all
 * 32 operations of the Contacts spec.
 */
// Fixtures are made through the API too, so the burst budget is widened for this file.
const sandbox = useSandbox({
	contacts: 20,
	rateLimit: { burst: 100_000, windowMs: 10_000, daily: 10_000_000 },
});

interface World {
	userId: string;
	campaignId: string;
	workflowId: string;
	businessId: string;
}
let world: World;

beforeAll(async () => {
	const location = sandbox().mainLocationId;
	const [users, campaigns, workflows, businesses] = await Promise.all([
		ghl<{ users: IDataObject[] }>(sandbox(), 'GET', `/users/?locationId=${location}`),
		ghl<{ campaigns: IDataObject[] }>(sandbox(), 'GET', `/campaigns/?locationId=${location}`),
		ghl<{ workflows: IDataObject[] }>(sandbox(), 'GET', `/workflows/?locationId=${location}`),
		ghl<{ businesses: IDataObject[] }>(sandbox(), 'GET', `/businesses/?locationId=${location}`),
	]);
	world = {
		userId: String(users.users[0].id),
		campaignId: String(campaigns.campaigns[0].id),
		workflowId: String(workflows.workflows[0].id),
		businessId: String(businesses.businesses[0].id),
	};
});

let serial = 0;
/** A fresh contact with one task and one note, made through the API (not through the node). */
async function fixture() {
	serial += 1;
	const email = `every.op.${serial}.${Date.now()}@example.com`;
	const { contact } = await ghl<{ contact: IDataObject }>(sandbox(), 'POST', '/contacts/', {
		locationId: sandbox().mainLocationId,
		firstName: 'Every',
		lastName: `Operation ${serial}`,
		email,
		tags: ['matrix'],
	});
	const contactId = String(contact.id);
	const { task } = await ghl<{ task: IDataObject }>(
		sandbox(),
		'POST',
		`/contacts/${contactId}/tasks`,
		{
			title: 'Matrix task',
			dueDate: '2030-01-01T10:00:00.000Z',
			completed: false,
		},
	);
	const { note } = await ghl<{ note: IDataObject }>(
		sandbox(),
		'POST',
		`/contacts/${contactId}/notes`,
		{
			body: 'Matrix note',
		},
	);
	return { contactId, email, taskId: String(task.id), noteId: String(note.id) };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

interface Row {
	resource: string;
	operation: string;
	operationId: string;
	parameters: (f: Fixture) => IDataObject;
	/** Lists GHL may return empty for a fresh contact (n8n then outputs no item). */
	mayBeEmpty?: boolean;
}

const rows: Row[] = [
	{
		resource: 'contact',
		operation: 'create',
		operationId: 'create-contact',
		parameters: (f) => ({ email: `new.${f.email}` }),
	},
	{
		resource: 'contact',
		operation: 'upsert',
		operationId: 'upsert-contact',
		parameters: (f) => ({ email: f.email }),
	},
	{
		resource: 'contact',
		operation: 'get',
		operationId: 'get-contact',
		parameters: (f) => ({ contactId: byId(f.contactId) }),
	},
	{
		resource: 'contact',
		operation: 'getAll',
		operationId: 'search-contacts-advanced',
		parameters: () => ({ limit: 5 }),
	},
	{
		resource: 'contact',
		operation: 'findDuplicate',
		operationId: 'get-duplicate-contact',
		parameters: (f) => ({ email: f.email }),
	},
	{
		resource: 'contact',
		operation: 'update',
		operationId: 'update-contact',
		parameters: (f) => ({ contactId: byId(f.contactId), updateFields: { firstName: 'Renamed' } }),
	},
	{
		resource: 'contact',
		operation: 'delete',
		operationId: 'delete-contact',
		parameters: (f) => ({ contactId: byId(f.contactId) }),
	},
	{
		resource: 'contact',
		operation: 'getManyByBusiness',
		operationId: 'get-contacts-by-businessId',
		parameters: () => ({ businessId: byId(world.businessId), limit: 5 }),
		mayBeEmpty: true,
	},
	{
		resource: 'contact',
		operation: 'getAllLegacy',
		operationId: 'get-contacts',
		parameters: () => ({ limit: 5 }),
	},
	{
		resource: 'task',
		operation: 'create',
		operationId: 'create-task',
		parameters: (f) => ({
			contactId: byId(f.contactId),
			title: 'Call back',
			dueDate: '2030-02-01T09:00:00Z',
		}),
	},
	{
		resource: 'task',
		operation: 'get',
		operationId: 'get-task',
		parameters: (f) => ({ contactId: byId(f.contactId), taskId: f.taskId }),
	},
	{
		resource: 'task',
		operation: 'getAll',
		operationId: 'get-all-tasks',
		parameters: (f) => ({ contactId: byId(f.contactId), returnAll: true }),
	},
	{
		resource: 'task',
		operation: 'update',
		operationId: 'update-task',
		parameters: (f) => ({
			contactId: byId(f.contactId),
			taskId: f.taskId,
			updateFields: { title: 'Renamed' },
		}),
	},
	{
		resource: 'task',
		operation: 'markCompleted',
		operationId: 'update-task-completed',
		parameters: (f) => ({ contactId: byId(f.contactId), taskId: f.taskId }),
	},
	{
		resource: 'task',
		operation: 'markIncomplete',
		operationId: 'update-task-completed',
		parameters: (f) => ({ contactId: byId(f.contactId), taskId: f.taskId }),
	},
	{
		resource: 'task',
		operation: 'delete',
		operationId: 'delete-task',
		parameters: (f) => ({ contactId: byId(f.contactId), taskId: f.taskId }),
	},
	{
		resource: 'note',
		operation: 'create',
		operationId: 'create-note',
		parameters: (f) => ({ contactId: byId(f.contactId), body: 'Hello' }),
	},
	{
		resource: 'note',
		operation: 'get',
		operationId: 'get-note',
		parameters: (f) => ({ contactId: byId(f.contactId), noteId: f.noteId }),
	},
	{
		resource: 'note',
		operation: 'getAll',
		operationId: 'get-all-notes',
		parameters: (f) => ({ contactId: byId(f.contactId), returnAll: true }),
	},
	{
		resource: 'note',
		operation: 'update',
		operationId: 'update-note',
		parameters: (f) => ({
			contactId: byId(f.contactId),
			noteId: f.noteId,
			updateFields: { title: 'Titled' },
		}),
	},
	{
		resource: 'note',
		operation: 'delete',
		operationId: 'delete-note',
		parameters: (f) => ({ contactId: byId(f.contactId), noteId: f.noteId }),
	},
	{
		resource: 'appointment',
		operation: 'getAll',
		operationId: 'get-appointments-for-contact',
		parameters: (f) => ({ contactId: byId(f.contactId), returnAll: true }),
		mayBeEmpty: true,
	},
	{
		resource: 'tag',
		operation: 'add',
		operationId: 'add-tags',
		parameters: (f) => ({ contactId: byId(f.contactId), tags: listOf(fromList('vip')) }),
	},
	{
		resource: 'tag',
		operation: 'remove',
		operationId: 'remove-tags',
		parameters: (f) => ({ contactId: byId(f.contactId), tags: listOf(fromList('matrix')) }),
	},
	{
		resource: 'tag',
		operation: 'bulkAdd',
		operationId: 'create-association',
		parameters: (f) => ({ contactIds: f.contactId, tags: listOf(fromList('vip')) }),
	},
	{
		resource: 'tag',
		operation: 'bulkRemove',
		operationId: 'create-association',
		parameters: (f) => ({ contactIds: f.contactId, tags: listOf(fromList('matrix')) }),
	},
	{
		resource: 'follower',
		operation: 'add',
		operationId: 'add-followers-contact',
		parameters: (f) => ({
			contactId: byId(f.contactId),
			followers: listOf(fromList(world.userId)),
		}),
	},
	{
		resource: 'follower',
		operation: 'remove',
		operationId: 'remove-followers-contact',
		parameters: (f) => ({
			contactId: byId(f.contactId),
			followers: listOf(fromList(world.userId)),
		}),
	},
	{
		resource: 'campaign',
		operation: 'addContact',
		operationId: 'add-contact-to-campaign',
		parameters: (f) => ({ contactId: byId(f.contactId), campaignId: fromList(world.campaignId) }),
	},
	{
		resource: 'campaign',
		operation: 'removeContact',
		operationId: 'remove-contact-from-campaign',
		parameters: (f) => ({ contactId: byId(f.contactId), campaignId: fromList(world.campaignId) }),
	},
	{
		resource: 'campaign',
		operation: 'removeFromAll',
		operationId: 'remove-contact-from-every-campaign',
		parameters: (f) => ({ contactId: byId(f.contactId) }),
	},
	{
		resource: 'workflow',
		operation: 'addContact',
		operationId: 'add-contact-to-workflow',
		parameters: (f) => ({ contactId: byId(f.contactId), workflowId: fromList(world.workflowId) }),
	},
	{
		resource: 'workflow',
		operation: 'removeContact',
		operationId: 'delete-contact-from-workflow',
		parameters: (f) => ({ contactId: byId(f.contactId), workflowId: fromList(world.workflowId) }),
	},
	{
		resource: 'business',
		operation: 'addContacts',
		operationId: 'add-remove-contact-from-business',
		parameters: (f) => ({ businessId: byId(world.businessId), contactIds: f.contactId }),
	},
	{
		resource: 'business',
		operation: 'removeContacts',
		operationId: 'add-remove-contact-from-business',
		parameters: (f) => ({ contactIds: f.contactId }),
	},
];

it('covers all 32 operations of the Contacts spec', () => {
	const specOperations = Object.values(
		(contactsSpec as unknown as { paths: Record<string, Record<string, { operationId: string }>> })
			.paths,
	).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
	expect(new Set(rows.map((row) => row.operationId))).toEqual(new Set(specOperations));
});

describe.each([
	['privateIntegrationToken', async (): Promise<StoredCredential> => pitCredential(sandbox())],
	['oAuth2', async (): Promise<StoredCredential> => await oauthCredential(sandbox())],
])('with %s', (authentication, credential) => {
	let stored: StoredCredential;
	beforeAll(async () => {
		stored = await credential();
	});

	it.each(rows.map((row) => [`${row.resource} → ${row.operation}`, row] as const))(
		'%s sends exactly its spec operation',
		async (_name, row) => {
			const f = await fixture();
			await clearLog(sandbox());
			const { items, error } = await runNode({
				type: 'ghlContacts',
				parameters: {
					authentication,
					resource: row.resource,
					operation: row.operation,
					...row.parameters(f),
				},
				credentials: [stored],
			});
			expect(error?.message).toBeUndefined();
			const log = await requestLog(sandbox());
			expect(log.map((entry) => entry.operationId)).toEqual([row.operationId]);
			const [request] = log;
			expect(request.status).toBeGreaterThanOrEqual(200);
			expect(request.status).toBeLessThan(300);
			expect(request.headers.version).toBe('2021-07-28');
			expect(String(request.headers.authorization)).toMatch(/^Bearer <redacted/);
			if (!row.mayBeEmpty) expect(items.length).toBeGreaterThan(0);
			expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			// What sends a location offers Request Options → Location ID, and nothing else does.
			expect(sentLocation(request)).toBe(sendsLocation(row) ? sandbox().mainLocationId : undefined);
		},
	);
});

const sendsLocation = (row: Row) =>
	LOCATION_OPERATIONS[row.resource]?.includes(row.operation) ?? false;

function sentLocation(request: { body?: unknown; query?: unknown }): unknown {
	return (
		(request.body as IDataObject | undefined)?.locationId ??
		(request.query as IDataObject | undefined)?.locationId
	);
}

describe("another location instead of the credential's", () => {
	const locationRows = rows.filter(sendsLocation);

	it.each<[string, (other: string, main: string) => IDataObject]>([
		['Request Options → Location ID', (other) => ({ requestOptions: { locationId: other } })],
		['a top-level Location ID saved by an earlier version', (other) => ({ locationId: other })],
		[
			'both, Request Options first',
			(other, main) => ({ locationId: main, requestOptions: { locationId: other } }),
		],
	])('%s reaches every operation that sends a location', async (_name, override) => {
		const other = sandbox().otherLocationId;
		const parameters = override(other, sandbox().mainLocationId);
		const sent: unknown[] = [];
		for (const row of locationRows) {
			const f = await fixture();
			await clearLog(sandbox());
			await runNode({
				type: 'ghlContacts',
				parameters: {
					resource: row.resource,
					operation: row.operation,
					...row.parameters(f),
					...parameters,
				},
				credentials: [pitCredential(sandbox())],
				continueOnFail: true,
			});
			const log = await requestLog(sandbox());
			sent.push(...log.map(sentLocation));
		}
		expect(sent).toEqual(locationRows.map(() => other));
	});
});
