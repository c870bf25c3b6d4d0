import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../harness/runNode';
import { hostileCredential, useHostileServer } from '../support/hostileServer';

/** Input checks: valid values pass as typed, crafted large values are refused in linear time. */
const server = useHostileServer();

beforeEach(() => {
	server().script((request) => ({
		status: 201,
		body: { contact: { id: 'c-new', ...(request.body as IDataObject) } },
	}));
});

const create = async (parameters: IDataObject, items?: IDataObject[]) =>
	await runNode({
		type: 'ghlContacts',
		parameters: { resource: 'contact', operation: 'create', ...parameters },
		credentials: [hostileCredential(server())],
		items,
		continueOnFail: true,
	});

describe('phone numbers', () => {
	it.each(['020 7946 0958', '0049 30 1234567', '+44 20 7946 0958'])(
		'%s is accepted and sent as typed',
		async (phone) => {
			const run = await create({ phone });
			expect(run.items[0].json.error).toBeUndefined();
			expect((server().log[0].body as IDataObject).phone).toBe(phone);
		},
	);

	it.each(['+0 20 7946 0958', '12345', '1'.repeat(16)])(
		'%s is refused, nothing sent',
		async (phone) => {
			const run = await create({ phone });
			expect(run.items[0].json.error).toMatch(/^Phone is not a valid phone number/);
			expect(server().log).toEqual([]);
		},
	);
});

describe('emails', () => {
	it.each(['ada@example.com', 'a.b+c@mail.example.co.uk'])('%s is accepted', async (email) => {
		const run = await create({ email });
		expect(run.items[0].json.error).toBeUndefined();
		expect((server().log[0].body as IDataObject).email).toBe(email);
	});

	it.each(['a@b', 'a@b.', '@b.co', 'a@@b.co', 'a b@c.co', 'a@.b'])(
		'%s is refused',
		async (email) => {
			const run = await create({ email });
			expect(run.items[0].json.error).toMatch(/^Email is not a valid email address/);
			expect(server().log).toEqual([]);
		},
	);

	it('a crafted megabyte value (the shape that made the old pattern quadratic) is refused, quoting only its start', async () => {
		const crafted = [
			`a@${'a'.repeat(1_000_000)}`,
			`${'a'.repeat(1_000_000)}@`,
			`${'a@a'.repeat(250_000)}`,
		];
		const run = await create(
			{ email: '={{ $json.email }}' },
			crafted.map((email) => ({ email })),
		);
		expect(run.items.map((item) => item.json.error)).toEqual(
			crafted.map((email) => `Email is not a valid email address: "${email.slice(0, 77)}..."`),
		);
		expect(server().log).toEqual([]);
	});
});

describe('Limit', () => {
	const tasks = Array.from({ length: 5 }, (_, i) => ({
		id: `t${i}`,
		title: `T${i}`,
		completed: false,
	}));
	const getTasks = async (limit: string | number) => {
		server().script(() => ({ body: { tasks } }));
		return await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'task',
				operation: 'getAll',
				contactId: { __rl: true, mode: 'id', value: 'c1' },
				limit: '={{ $json.limit }}',
			},
			credentials: [hostileCredential(server())],
			items: [{ limit }],
			continueOnFail: true,
		});
	};

	it.each([['abc'], [0], [2.5], ['']])('%p is refused with the field named', async (limit) => {
		const run = await getTasks(limit);
		expect(run.items).toEqual([
			{
				json: { error: expect.stringMatching(/^Limit must be a whole number of at least 1/) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('a mapped "3" keeps three', async () => {
		const run = await getTasks('3');
		expect(run.items.map((item) => item.json.id)).toEqual(['t0', 't1', 't2']);
	});
});

describe('mapped values are sent as meant, or refused with the field named', () => {
	const createNote = async (parameters: IDataObject, item: IDataObject) => {
		server().script((request) => ({
			status: 201,
			body: { note: { id: 'n1', ...(request.body as IDataObject) } },
		}));
		return await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'note',
				operation: 'create',
				contactId: { __rl: true, mode: 'id', value: '={{ $json.contactId }}' },
				body: '={{ $json.body }}',
				...parameters,
			},
			credentials: [hostileCredential(server())],
			items: [item],
			continueOnFail: true,
		});
	};

	it('a note body keeps its indentation', async () => {
		const body = '  - first\n    - nested\n';
		const run = await createNote({}, { contactId: 'c1', body });
		expect(run.items[0].json.error).toBeUndefined();
		expect((server().log[0].body as IDataObject).body).toBe(body);
	});

	it.each<[string, unknown, string]>([
		['an object', { id: 'c1' }, 'Contact ID must be one ID, not a value of type object'],
		['a list', ['abc', 'def'], 'Contact ID must be one ID, not a list'],
	])('%s mapped into an ID field is refused, nothing sent', async (_name, contactId, message) => {
		const run = await createNote({}, { contactId: contactId as IDataObject, body: 'x' });
		expect(run.items[0].json.error).toBe(message);
		expect(server().log).toEqual([]);
	});

	it('an object mapped into the Location ID override is refused, nothing sent', async () => {
		server().script(() => ({ status: 201, body: { contact: { id: 'c-new' } } }));
		const run = await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'contact',
				operation: 'create',
				email: 'ada@example.com',
				requestOptions: { locationId: '={{ $json.location }}' },
			},
			credentials: [hostileCredential(server())],
			items: [{ location: { id: 'loc2' } }],
			continueOnFail: true,
		});
		expect(run.items[0].json.error).toBe('Location ID must be one ID, not a value of type object');
		expect(server().log).toEqual([]);
	});

	it('a list mapped into the note body is refused, not sent as "a,b"', async () => {
		const run = await createNote({}, { contactId: 'c1', body: ['a', 'b'] });
		expect(run.items[0].json.error).toBe('Body must be text, not a list');
		expect(server().log).toEqual([]);
	});

	it('a numeric colour from an expression is refused, not dropped', async () => {
		const run = await createNote(
			{ additionalFields: { color: '={{ 16755200 }}' } },
			{ contactId: 'c1', body: 'x' },
		);
		expect(run.items[0].json.error).toBe('Color "16755200" is not a hex colour code');
		expect(server().log).toEqual([]);
	});
});

describe('tags mapped as a list', () => {
	const addTags = async (value: string, items: IDataObject[] = [{}]) => {
		server().script(() => ({ status: 201, body: { tags: ['x'] } }));
		return await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'tag',
				operation: 'add',
				contactId: { __rl: true, mode: 'id', value: 'c1' },
				tags: { values: [{ value: { __rl: true, mode: 'name', value } }] },
			},
			credentials: [hostileCredential(server())],
			items,
			continueOnFail: true,
		});
	};

	it('an array element holding a comma stays one tag', async () => {
		const run = await addTags('={{ $json.tags }}', [{ tags: ['Smith, John', 'vip'] }]);
		expect(run.items[0].json.error).toBeUndefined();
		expect((server().log[0].body as IDataObject).tags).toEqual(['Smith, John', 'vip']);
	});

	it('typed text is still split at commas', async () => {
		await addTags('Newsletter, Beta');
		expect((server().log[0].body as IDataObject).tags).toEqual(['Newsletter', 'Beta']);
	});
});

describe('dates given as numbers', () => {
	const createTask = async (dueDate: number) => {
		server().script((request) => ({
			status: 201,
			body: { task: { id: 't1', ...(request.body as IDataObject) } },
		}));
		return await runNode({
			type: 'ghlContacts',
			parameters: {
				resource: 'task',
				operation: 'create',
				contactId: { __rl: true, mode: 'id', value: 'c1' },
				title: 'Call',
				dueDate: '={{ $json.due }}',
			},
			credentials: [hostileCredential(server())],
			items: [{ due: dueDate }],
			continueOnFail: true,
		});
	};

	it('epoch seconds are refused, not sent as a date in January 1970', async () => {
		const run = await createTask(1_767_225_600);
		expect(run.items[0].json.error).toBe(
			'Due Date 1767225600 reads as a time in early 1970: it looks like seconds, and n8n dates are milliseconds',
		);
		expect(server().log).toEqual([]);
	});

	it('epoch milliseconds are sent as that time', async () => {
		await createTask(1_767_225_600_000);
		expect(Date.parse(String((server().log[0].body as IDataObject).dueDate))).toBe(
			1_767_225_600_000,
		);
	});
});

describe('phone lookups go in the form GHL stores (E.164, no separators)', () => {
	const lookup = async (parameters: IDataObject) => {
		server().script(() => ({ body: { contact: null, contacts: [], total: 0 } }));
		return await runNode({
			type: 'ghlContacts',
			parameters: { resource: 'contact', ...parameters },
			credentials: [hostileCredential(server())],
		});
	};

	it('Find Duplicate sends +1 (555) 010-2030 as +15550102030', async () => {
		const run = await lookup({ operation: 'findDuplicate', phone: '+1 (555) 010-2030' });
		expect(run.error).toBeUndefined();
		expect(server().log[0].query.number).toBe('+15550102030');
	});

	it('the search phone filter sends +44 20 7946 0958 as +442079460958', async () => {
		const run = await lookup({ operation: 'getAll', filters: { phone: '+44 20 7946 0958' } });
		expect(run.error).toBeUndefined();
		expect((server().log[0].body as IDataObject).filters).toEqual([
			{ field: 'phone', operator: 'eq', value: '+442079460958' },
		]);
	});
});
