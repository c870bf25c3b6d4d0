import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import { getGlobalState, setGlobalState } from 'n8n-workflow';

import type { StoredCredential } from '../harness/credentialsHelper';
import { pickerContext } from '../harness/pickerContext';
import {
	clearLog,
	control,
	oauthCredential,
	pitCredential,
	requestLog,
	useSandbox,
} from '../support/ghl';
import { byId, fromList, ghl, listOf, runLogged } from './assoc.support';

const sandbox = useSandbox({ contacts: 30, latency: { fixedMs: 0, randomMs: 0 } });

interface FieldDefinition {
	id: string;
	name: string;
	fieldKey: string;
	dataType: string;
}

let fields: Record<string, FieldDefinition>;
beforeAll(async () => {
	const { customFields } = await ghl<{ customFields: FieldDefinition[] }>(
		sandbox(),
		'GET',
		`/locations/${sandbox().mainLocationId}/customFields?model=contact`,
	);
	fields = Object.fromEntries(
		customFields.map((field) => [field.fieldKey.replace(/^contact\./, ''), field]),
	);
});

const unique = () => Math.random().toString(36).slice(2, 10);

const contactOperation = (
	operation: string,
	parameters: object,
	credential?: StoredCredential,
) => ({
	parameters: {
		authentication: credential?.type === 'ghlOAuth2Api' ? 'oAuth2' : 'privateIntegrationToken',
		resource: 'contact',
		operation,
		...parameters,
	},
	credentials: [credential ?? pitCredential(sandbox())],
});

/** Runs `body` with n8n's default timezone (what a workflow without its own setting uses) set to `zone`. */
async function inDefaultTimezone<T>(zone: string, body: () => Promise<T>): Promise<T> {
	const previous = getGlobalState();
	setGlobalState({ ...previous, defaultTimezone: zone });
	try {
		return await body();
	} finally {
		setGlobalState(previous);
	}
}

/** A PIT without the custom-field scope: the node must still set custom fields by key or ID. */
const pitWithoutCustomFields = () =>
	pitCredential(sandbox(), 'readWrite', { scopes: ['contacts.readonly', 'contacts.write'] });

async function storedContact(contactId: string): Promise<IDataObject> {
	return (await ghl<{ contact: IDataObject }>(sandbox(), 'GET', `/contacts/${contactId}`)).contact;
}

async function newContact(input: IDataObject = {}): Promise<IDataObject> {
	const { contact } = await ghl<{ contact: IDataObject }>(sandbox(), 'POST', '/contacts/', {
		locationId: sandbox().mainLocationId,
		firstName: 'Fixture',
		email: `fixture.${unique()}@example.com`,
		...input,
	});
	return contact;
}

describe('Contact: Create', () => {
	it('sends the spec body, custom fields typed by their definitions, and outputs the stored contact', async () => {
		const email = `ada.${unique()}@example.com`;
		const run = await runLogged(
			sandbox(),
			contactOperation('create', {
				email: ` ${email} `,
				phone: '+1 (555) 010-2030',
				additionalFields: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					companyName: 'Analytical Engines',
					city: '',
					tags: listOf(fromList('vip'), { __rl: true, mode: 'name', value: 'Newsletter, Beta' }),
				},
				customFields: {
					field: [
						{ by: 'list', fieldId: fields.employees.id, value: '42' },
						{ by: 'key', key: 'contact.interests', value: 'Hiking, Chess' },
						{ by: 'id', id: fields.favourite_colour.id, value: 'Teal' },
						{ by: 'key', key: 'budget', value: '' },
					],
				},
			}),
		);

		expect(run.error).toBeUndefined();
		const [fetchFields, create] = run.requests;
		expect(run.requests).toHaveLength(2);
		expect(fetchFields).toMatchObject({
			method: 'GET',
			path: `/locations/${sandbox().mainLocationId}/customFields`,
			query: { model: 'contact' },
		});
		expect(create).toMatchObject({ method: 'POST', path: '/contacts/', status: 201 });
		expect(create.headers.version).toBe('2021-07-28');
		expect(create.body).toEqual({
			locationId: sandbox().mainLocationId,
			email,
			phone: '+1 (555) 010-2030',
			firstName: 'Ada',
			lastName: 'Lovelace',
			companyName: 'Analytical Engines',
			tags: ['vip', 'Newsletter', 'Beta'],
			customFields: [
				{ id: fields.employees.id, field_value: 42 },
				{ key: 'contact.interests', field_value: ['Hiking', 'Chess'] },
				{ id: fields.favourite_colour.id, field_value: 'Teal' },
			],
		});

		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		const created = run.items[0].json;
		const stored = await storedContact(String(created.id));
		expect(stored).toMatchObject({
			email,
			phone: '+15550102030',
			firstName: 'Ada',
			tags: ['vip', 'newsletter', 'beta'],
		});
		expect(stored.customFields).toEqual(
			expect.arrayContaining([
				{ id: fields.employees.id, value: 42 },
				{ id: fields.interests.id, value: ['Hiking', 'Chess'] },
				{ id: fields.favourite_colour.id, value: 'Teal' },
			]),
		);
		expect(created.id).toBe(stored.id);
	});

	it('sets custom fields by key without the custom-field scope, sending the value as entered', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation(
				'create',
				{
					email: `nokeys.${unique()}@example.com`,
					customFields: { field: [{ by: 'key', key: 'favourite_colour', value: 'Red' }] },
				},
				pitWithoutCustomFields(),
			),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => request.path)).toEqual(['/contacts/']);
		expect((run.requests[0].body as IDataObject).customFields).toEqual([
			{ key: 'favourite_colour', field_value: 'Red' },
		]);
		const stored = await storedContact(String(run.items[0].json.id));
		expect(stored.customFields).toEqual([{ id: fields.favourite_colour.id, value: 'Red' }]);
	});

	it('refuses a custom field the location does not have, or a non-number for a numeric field, before creating', async () => {
		const run = await runLogged(sandbox(), {
			...contactOperation('create', {
				email: '={{ $json.email }}',
				customFields: {
					field: [{ by: 'key', key: '={{ $json.key }}', value: '={{ $json.value }}' }],
				},
			}),
			items: [
				{ email: `a.${unique()}@example.com`, key: 'no_such_field', value: 'x' },
				{ email: `b.${unique()}@example.com`, key: 'employees', value: 'many' },
			],
			continueOnFail: true,
		});

		expect(run.items.map((item) => item.json.error)).toEqual([
			`Custom field "no_such_field" does not exist in location ${sandbox().mainLocationId}`,
			'Custom field "Employees" (contact.employees) needs a number, not "many"',
		]);
		expect(run.requests.filter((request) => request.path === '/contacts/')).toEqual([]);
	});

	it('checks email, phone and date of birth before sending; Continue On Fail keeps the good item', async () => {
		const good = `good.${unique()}@example.com`;
		const run = await runLogged(sandbox(), {
			...contactOperation('create', {
				email: '={{ $json.email }}',
				phone: '={{ $json.phone }}',
				additionalFields: { dateOfBirth: '={{ $json.birth }}' },
			}),
			items: [
				{ email: 'not-an-email', phone: '', birth: '' },
				{ email: good, phone: '+44 20 7946 0958', birth: '' },
				{ email: '', phone: '12', birth: '' },
				{ email: '', phone: '+1 888 888 8888', birth: '1990-02-30' },
			],
			continueOnFail: true,
		});

		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(run.items[0].json.error).toBe('Email is not a valid email address: "not-an-email"');
		expect(run.items[1].json).toMatchObject({ email: good });
		expect(run.items[2].json.error).toBe('Phone is not a valid phone number: "12"');
		expect(run.items[3].json.error).toBe('Date of Birth is not a valid date: "1990-02-30"');
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0].body).toMatchObject({ email: good, phone: '+44 20 7946 0958' });
	});

	it('sends a date of birth as the calendar date written, in any documented form or as a picked date', async () => {
		const run = await runLogged(sandbox(), {
			...contactOperation('create', {
				email: '={{ $json.email }}',
				additionalFields: { dateOfBirth: '={{ $json.birth }}' },
			}),
			items: [
				{ email: `d1.${unique()}@example.com`, birth: '12/10/1985' },
				{ email: `d2.${unique()}@example.com`, birth: '1985.12.10' },
				{ email: `d3.${unique()}@example.com`, birth: '1985-12-10T00:00:00+09:00' },
			],
			continueOnFail: true,
		});

		// The body is what this test proves; whether the sandbox stores it is its own concern.
		expect(run.requests.map((request) => (request.body as IDataObject).dateOfBirth)).toEqual([
			'1985-12-10',
			'1985-12-10',
			'1985-12-10',
		]);
	});

	it('names what is expected of a phone number when it stops the workflow', async () => {
		const run = await runLogged(sandbox(), contactOperation('create', { phone: 'call me' }));

		expect(run.error?.message).toBe('Phone is not a valid phone number: "call me"');
		expect(run.error?.description).toContain('E.164');
		expect(run.requests).toEqual([]);
	});

	it('refuses to create with a read-only token, naming the scope, before sending', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation('create', { email: 'x@example.com' }, pitCredential(sandbox(), 'readOnly')),
		);

		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Create or Update (upsert)', () => {
	it('creates, then updates the same contact by email, saying which happened (OAuth2)', async () => {
		const credential = await oauthCredential(sandbox());
		const email = `upsert.${unique()}@example.com`;
		const first = await runLogged(
			sandbox(),
			contactOperation('upsert', { email, additionalFields: { firstName: 'Grace' } }, credential),
		);
		expect(first.error).toBeUndefined();
		expect(first.requests).toMatchObject([
			{ method: 'POST', path: '/contacts/upsert', status: 200 },
		]);
		expect(first.requests[0].body).toEqual({
			locationId: sandbox().mainLocationId,
			email,
			firstName: 'Grace',
		});
		expect(first.items[0].json).toMatchObject({ isNew: true, email, firstName: 'Grace' });

		const second = await runLogged(
			sandbox(),
			contactOperation(
				'upsert',
				{ email, additionalFields: { lastName: 'Hopper', createNewIfDuplicateAllowed: false } },
				credential,
			),
		);
		expect(second.requests[0].body).toEqual({
			locationId: sandbox().mainLocationId,
			email,
			lastName: 'Hopper',
			createNewIfDuplicateAllowed: false,
		});
		expect(second.items[0].json).toMatchObject({ isNew: false, id: first.items[0].json.id });
		expect(await storedContact(String(first.items[0].json.id))).toMatchObject({
			firstName: 'Grace',
			lastName: 'Hopper',
		});
	});

	it('works with a phone only, and refuses neither email nor phone before sending', async () => {
		const phoneOnly = await runLogged(
			sandbox(),
			contactOperation('upsert', { phone: `+1 555 ${String(Date.now()).slice(-7)}` }),
		);
		expect(phoneOnly.error).toBeUndefined();
		expect(phoneOnly.items[0].json.isNew).toBe(true);

		const neither = await runLogged(
			sandbox(),
			contactOperation('upsert', { additionalFields: { firstName: 'Nobody' } }),
		);
		expect(neither.error?.message).toBe('Email and Phone are both empty');
		expect(neither.requests).toEqual([]);
	});
});

describe('Contact: Update', () => {
	it('sends only the changed fields (no locationId), replacing the tags', async () => {
		const contact = await newContact({ tags: ['old-one', 'old-two'], city: 'Paris' });
		const run = await runLogged(
			sandbox(),
			contactOperation('update', {
				contactId: byId(String(contact.id)),
				updateFields: {
					phone: '+33 1 23 45 67 89',
					tags: listOf({ __rl: true, mode: 'name', value: 'fresh' }),
					dnd: true,
				},
				customFields: { field: [{ by: 'list', fieldId: fields.budget.id, value: '99.5' }] },
			}),
		);

		expect(run.error).toBeUndefined();
		const update = run.requests.find((request) => request.method === 'PUT');
		expect(update).toMatchObject({ path: `/contacts/${String(contact.id)}`, status: 200 });
		expect(update?.body).toEqual({
			phone: '+33 1 23 45 67 89',
			tags: ['fresh'],
			dnd: true,
			customFields: [{ id: fields.budget.id, field_value: 99.5 }],
		});
		const stored = await storedContact(String(contact.id));
		expect(stored).toMatchObject({
			tags: ['fresh'],
			city: 'Paris',
			dnd: true,
			phone: '+33123456789',
		});
		expect(run.items).toEqual([{ json: stored, pairedItem: { item: 0 } }]);
	});

	it('refuses an update with nothing to change, and an ID with a path character, before sending', async () => {
		const contact = await newContact();
		const run = await runLogged(sandbox(), {
			...contactOperation('update', {
				contactId: byId('={{ $json.id }}'),
				updateFields: { firstName: '={{ $json.name }}' },
			}),
			items: [
				{ id: contact.id, name: '' },
				{ id: '../locations/x', name: 'Eve' },
			],
			continueOnFail: true,
		});

		expect(run.items[0].json.error).toBe('Nothing to update');
		expect(run.items[1].json.error).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});

	it('refuses to update with a read-only token before sending', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation(
				'update',
				{ contactId: byId('abc123'), updateFields: { firstName: 'X' } },
				pitCredential(sandbox(), 'readOnly'),
			),
		);
		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Delete', () => {
	it('deletes and says so with a correctly spelled success flag', async () => {
		const contact = await newContact();
		const run = await runLogged(
			sandbox(),
			contactOperation('delete', { contactId: byId(String(contact.id)) }),
		);

		expect(run.requests).toMatchObject([
			{ method: 'DELETE', path: `/contacts/${String(contact.id)}`, status: 200 },
		]);
		expect(run.items).toEqual([
			{ json: { success: true, contactId: contact.id }, pairedItem: { item: 0 } },
		]);
		await expect(storedContact(String(contact.id))).rejects.toThrow(/40[04]/);
	});

	it('refuses an ID with a path character before sending', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation('delete', { contactId: byId('={{ "a/b" }}') }),
		);
		expect(run.error?.message).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Get', () => {
	it('outputs custom fields keyed by field key or name on request', async () => {
		const contact = await newContact({
			customFields: [
				{ id: fields.favourite_colour.id, field_value: 'Green' },
				{ id: fields.employees.id, field_value: 7 },
			],
		});
		const byKey = await runLogged(
			sandbox(),
			contactOperation('get', {
				contactId: byId(String(contact.id)),
				options: { customFieldsOutput: 'key' },
			}),
		);
		expect(byKey.error).toBeUndefined();
		expect(byKey.items[0].json).toEqual({
			id: contact.id,
			name: 'Fixture',
			email: contact.email,
			tags: [],
			dateAdded: contact.dateAdded,
			customFields: { favourite_colour: 'Green', employees: 7 },
		});

		const byName = await runLogged(
			sandbox(),
			contactOperation('get', {
				contactId: byId(String(contact.id)),
				simple: false,
				options: { customFieldsOutput: 'name' },
			}),
		);
		expect(byName.items[0].json.customFields).toEqual({
			'Favourite colour': 'Green',
			Employees: 7,
		});
		expect(byName.items[0].json.email).toBe(contact.email);
	});

	it('refuses named custom fields without the custom-field scope', async () => {
		const contact = await newContact();
		const run = await runLogged(
			sandbox(),
			contactOperation(
				'get',
				{ contactId: byId(String(contact.id)), options: { customFieldsOutput: 'key' } },
				pitWithoutCustomFields(),
			),
		);
		expect(run.error?.message).toContain('lacks the locations/customFields.readonly scope');
	});
});

describe('Contact: Get Many (search)', () => {
	it('sends query, filters and sort in the search body and outputs the matching contacts', async () => {
		const tag = `campaign-${unique()}`;
		const matching = await newContact({ tags: [tag], dnd: true, firstName: 'Match' });
		await newContact({ tags: [tag], dnd: false });
		const run = await inDefaultTimezone('Asia/Kolkata', () =>
			runLogged(
				sandbox(),
				contactOperation('getAll', {
					returnAll: true,
					query: 'match',
					filters: {
						tags: tag.toUpperCase(),
						dnd: true,
						dateAddedAfter: '2020-01-01T00:00:00',
						rawFilters: '[{"field":"firstNameLowerCase","operator":"exists"}]',
					},
					sort: { field: 'firstNameLowerCase', direction: 'asc' },
				}),
			),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: '/contacts/search',
			status: 200,
		});
		expect(run.requests[0].body).toEqual({
			locationId: sandbox().mainLocationId,
			pageLimit: 500,
			query: 'match',
			filters: [
				{ field: 'tags', operator: 'eq', value: tag },
				{ field: 'dateAdded', operator: 'range', value: { gte: '2020-01-01T00:00:00+05:30' } },
				{ field: 'dnd', operator: 'eq', value: true },
				{ field: 'firstNameLowerCase', operator: 'exists' },
			],
			sort: [{ field: 'firstNameLowerCase', direction: 'asc' }],
		});
		expect(run.items.map((item) => item.json.id)).toEqual([matching.id]);
		expect(run.items[0].json).toEqual({
			id: matching.id,
			name: 'Match',
			email: matching.email,
			tags: [tag],
			dateAdded: matching.dateAdded,
		});
	});

	it.each<[string, IDataObject]>([
		[
			'picked and typed in the tag picker',
			{ tagList: listOf(fromList('TAG-A'), { __rl: true, mode: 'name', value: 'TAG-B, TAG-A' }) },
		],
		['as text, as a node saved before the picker has them', { tags: 'TAG-A, TAG-B' }],
	])('filters by tags %s', async (_name, filters) => {
		const [a, b] = [`a-${unique()}`, `b-${unique()}`];
		const both = await newContact({ tags: [a, b] });
		await newContact({ tags: [a] });
		const named = JSON.parse(
			JSON.stringify(filters).replace(/TAG-A/g, a).replace(/TAG-B/g, b),
		) as IDataObject;
		const run = await runLogged(
			sandbox(),
			contactOperation('getAll', { returnAll: true, filters: named }),
		);

		expect(run.error).toBeUndefined();
		expect((run.requests[0].body as IDataObject).filters).toEqual([
			{ field: 'tags', operator: 'eq', value: a },
			{ field: 'tags', operator: 'eq', value: b },
		]);
		expect(run.items.map((item) => item.json.id)).toEqual([both.id]);
	});

	it('refuses a too-long query, invalid raw filters and a reversed date range before sending', async () => {
		const run = await runLogged(sandbox(), {
			...contactOperation('getAll', {
				query: '={{ $json.query }}',
				filters: {
					rawFilters: '={{ $json.raw }}',
					dateUpdatedAfter: '={{ $json.after }}',
					dateUpdatedBefore: '2026-01-01T00:00:00Z',
				},
			}),
			items: [
				{ query: 'x'.repeat(76), raw: '[]', after: '' },
				{ query: '', raw: '{"field":"dnd"}', after: '' },
				{ query: '', raw: '[{"field":', after: '' },
				{ query: '', raw: '[]', after: '2026-02-01T00:00:00Z' },
			],
			continueOnFail: true,
		});

		expect(run.items.map((item) => item.json.error)).toEqual([
			'Search Query is too long (76 characters)',
			'Raw Filters must be a JSON array',
			expect.stringMatching(/^Raw Filters is not valid JSON/),
			'Date Updated After is later than Date Updated Before',
		]);
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Find Duplicate', () => {
	it('outputs the contact found by email, or an item saying none was found', async () => {
		const contact = await newContact();
		const run = await runLogged(sandbox(), {
			...contactOperation('findDuplicate', {
				email: '={{ $json.email }}',
				phone: '={{ $json.phone }}',
			}),
			items: [
				{ email: contact.email, phone: '' },
				{ email: `none.${unique()}@example.com`, phone: '+1 555 000 1111' },
			],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{
				method: 'GET',
				path: '/contacts/search/duplicate',
				query: { locationId: sandbox().mainLocationId, email: contact.email },
			},
			// Looked up as GHL stores it (E.164); the item keeps the number as typed.
			{ query: { number: '+15550001111' } },
		]);
		expect(run.items).toEqual([
			{
				json: expect.objectContaining({ found: true, id: contact.id, email: contact.email }),
				pairedItem: { item: 0 },
			},
			{
				json: { found: false, email: expect.stringMatching(/^none\./), phone: '+1 555 000 1111' },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('needs an email or a phone', async () => {
		const run = await runLogged(sandbox(), contactOperation('findDuplicate', {}));
		expect(run.error?.message).toBe('Email and Phone are both empty');
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Get Many by Business', () => {
	it('lists the contacts of a business, with limit and skip sent as strings', async () => {
		const businessId = `biz${unique()}`;
		await control(sandbox(), 'POST', '/bulk/contacts', { count: 3, businessId });
		const run = await runLogged(
			sandbox(),
			contactOperation('getManyByBusiness', { businessId: byId(businessId), limit: 2 }),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{
				method: 'GET',
				path: `/contacts/business/${businessId}`,
				query: { locationId: sandbox().mainLocationId, limit: '2', skip: '0' },
			},
		]);
		expect(run.items).toHaveLength(2);
		expect(run.items.every((item) => String(item.json.name).startsWith('bulk contact'))).toBe(true);
	});
	it('refuses an empty business before sending', async () => {
		const run = await runLogged(
			sandbox(),
			contactOperation('getManyByBusiness', { businessId: byId('={{ "" }}') }),
		);
		expect(run.error?.message).toBe('Business ID is empty');
		expect(run.requests).toEqual([]);
	});
});

describe('Contact: Get Many (Legacy List)', () => {
	it('lists contacts through the deprecated endpoint with the location in the query', async () => {
		const run = await runLogged(sandbox(), contactOperation('getAllLegacy', { limit: 5 }));
		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{
				method: 'GET',
				path: '/contacts/',
				query: { locationId: sandbox().mainLocationId, limit: '5' },
			},
		]);
		expect(run.items).toHaveLength(5);
	});
});

/** The node's loadOptions `method`, called as the editor calls it. */
async function runLoadOptions(
	method: string,
	credential: StoredCredential,
): Promise<INodePropertyOptions[]> {
	const { context, methods } = await pickerContext(credential, {
		resource: 'contact',
		operation: 'create',
	});
	const load = methods?.loadOptions?.[method];
	if (!load) throw new Error(`The node has no loadOptions method ${method}`);
	return await load.call(context);
}

describe('Custom field picker', () => {
	it("lists the location's contact custom fields by name and key", async () => {
		await clearLog(sandbox());
		const options = await runLoadOptions('getCustomFields', pitCredential(sandbox()));

		expect(options).toContainEqual({
			name: `Employees (${fields.employees.fieldKey})`,
			value: fields.employees.id,
			description: 'Number',
		});
		expect(options).toHaveLength(Object.keys(fields).length);
		expect(options.map((option) => option.name)).toEqual(
			[...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
		);
	});

	it('does not fail without the scope: one entry says why and what to do, nothing is sent', async () => {
		await clearLog(sandbox());
		const options = await runLoadOptions('getCustomFields', pitWithoutCustomFields());

		expect(options).toEqual([
			{
				name: 'Cannot list custom fields: the credential lacks the locations/customFields.readonly scope. Identify the field by Key or ID.',
				value: '',
			},
		]);
		expect(await requestLog(sandbox())).toEqual([]);
	});
});
