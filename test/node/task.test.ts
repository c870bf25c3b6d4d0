import type { IDataObject } from 'n8n-workflow';
import { getGlobalState, setGlobalState } from 'n8n-workflow';

import { clearLog, oauthCredential, pitCredential, requestLog, useSandbox } from '../support/ghl';
import {
	byId,
	fromList,
	ghl,
	locationUsers,
	runListSearch,
	runLogged,
	someContactIds,
} from './assoc.support';

const sandbox = useSandbox({ contacts: 10, latency: { fixedMs: 0, randomMs: 0 } });

const DAY = 24 * 60 * 60 * 1000;

let contacts: string[];
let userId: string;
beforeAll(async () => {
	contacts = await someContactIds(sandbox(), 6);
	userId = (await locationUsers(sandbox()))[0].id;
});

const taskOperation = (operation: string, parameters: object) => ({
	parameters: { resource: 'task', operation, ...parameters },
	credentials: [pitCredential(sandbox())],
});

/** A contact of its own, so that its task list holds only what a test puts there. */
async function freshContact(): Promise<string> {
	const { contact } = await ghl<{ contact: { id: string } }>(sandbox(), 'POST', '/contacts/', {
		locationId: sandbox().mainLocationId,
		firstName: 'Task',
		lastName: `Owner ${Math.random().toString(36).slice(2, 8)}`,
	});
	return contact.id;
}

async function addTask(contactId: string, task: IDataObject): Promise<IDataObject> {
	const response = await ghl<{ task: IDataObject }>(
		sandbox(),
		'POST',
		`/contacts/${contactId}/tasks`,
		{
			completed: false,
			...task,
		},
	);
	return response.task;
}

async function readTask(contactId: string, taskId: string): Promise<IDataObject> {
	const response = await ghl<{ task: IDataObject }>(
		sandbox(),
		'GET',
		`/contacts/${contactId}/tasks/${taskId}`,
	);
	return response.task;
}

/** Runs `body` with n8n's default timezone (the one a workflow without its own setting uses) set to `zone`. */
async function inDefaultTimezone<T>(zone: string, body: () => Promise<T>): Promise<T> {
	const previous = getGlobalState();
	setGlobalState({ ...previous, defaultTimezone: zone });
	try {
		return await body();
	} finally {
		setGlobalState(previous);
	}
}

describe('Task: Create', () => {
	it('sends the spec body with completed false, a zone-less due date read in the workflow timezone', async () => {
		const contactId = contacts[0];
		const run = await inDefaultTimezone('Asia/Kolkata', () =>
			runLogged(
				sandbox(),
				taskOperation('create', {
					contactId: byId(contactId),
					title: 'Call back about the quote',
					dueDate: '2026-03-01T09:30:00',
					additionalFields: { body: 'Ask about volume pricing', assignedTo: fromList(userId) },
				}),
			),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		const [request] = run.requests;
		expect(request).toMatchObject({
			method: 'POST',
			path: `/contacts/${contactId}/tasks`,
			status: 201,
			body: {
				title: 'Call back about the quote',
				dueDate: '2026-03-01T09:30:00+05:30',
				completed: false,
				body: 'Ask about volume pricing',
				assignedTo: userId,
			},
		});
		expect(Object.keys(request.body as object).sort()).toEqual([
			'assignedTo',
			'body',
			'completed',
			'dueDate',
			'title',
		]);
		expect(request.headers.version).toBe('2021-07-28');

		const created = run.items[0].json;
		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		const stored = await readTask(contactId, String(created.id));
		expect(stored).toMatchObject({
			title: 'Call back about the quote',
			completed: false,
			assignedTo: userId,
		});
		expect(Date.parse(String(stored.dueDate))).toBe(Date.parse('2026-03-01T04:00:00Z'));
		expect(created).toEqual(stored);
	});

	it('reads a zone-less date in the Timezone option and keeps an explicit offset as written', async () => {
		const contactId = contacts[1];
		const run = await runLogged(sandbox(), {
			...taskOperation('create', {
				contactId: byId(contactId),
				title: '={{ $json.title }}',
				dueDate: '={{ $json.due }}',
				options: { timezone: '={{ $json.zone }}' },
			}),
			items: [
				{ title: 'Summer', due: '2026-07-01T08:00:00', zone: 'America/New_York' },
				{ title: 'Winter', due: '2026-01-15 08:00', zone: 'America/New_York' },
				{ title: 'Explicit', due: '2026-07-01T08:00:00Z', zone: 'America/New_York' },
			],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => (request.body as IDataObject).dueDate)).toEqual([
			'2026-07-01T08:00:00-04:00',
			'2026-01-15T08:00:00-05:00',
			'2026-07-01T08:00:00Z',
		]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('refuses an invalid due date, naming the field and showing an example, before sending', async () => {
		const run = await runLogged(
			sandbox(),
			taskOperation('create', {
				contactId: byId(contacts[0]),
				title: 'T',
				dueDate: 'next Tuesday',
			}),
		);

		expect(run.error?.message).toBe('Due Date is not a valid date: "next Tuesday"');
		expect(run.error?.description).toContain('e.g. 2026-03-01T09:30:00');
		expect(run.requests).toEqual([]);
	});

	it('refuses a missing title before sending', async () => {
		const run = await runLogged(
			sandbox(),
			taskOperation('create', { contactId: byId(contacts[0]), title: '  ', dueDate: '2026-03-01' }),
		);

		expect(run.error?.message).toBe('Title is empty');
		expect(run.requests).toEqual([]);
	});

	it('refuses to write with a read-only token, naming the scope, before sending', async () => {
		const run = await runLogged(sandbox(), {
			...taskOperation('create', {
				contactId: byId(contacts[0]),
				title: 'T',
				dueDate: '2026-03-01',
			}),
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});
});

describe('Task: Get and Get Many', () => {
	it('gets one task, simplified with its derived status, or raw', async () => {
		const contactId = await freshContact();
		const task = await addTask(contactId, {
			title: 'Overdue',
			dueDate: new Date(Date.now() - DAY).toISOString(),
		});
		const simple = await runLogged(
			sandbox(),
			taskOperation('get', { contactId: byId(contactId), taskId: String(task.id) }),
		);

		expect(simple.error).toBeUndefined();
		expect(simple.requests).toMatchObject([
			{ method: 'GET', path: `/contacts/${contactId}/tasks/${String(task.id)}`, status: 200 },
		]);
		expect(simple.requests[0].headers.version).toBe('2021-07-28');
		expect(simple.items).toEqual([
			{
				json: { id: task.id, title: 'Overdue', status: 'overdue', dueDate: task.dueDate },
				pairedItem: { item: 0 },
			},
		]);

		const raw = await runLogged(
			sandbox(),
			taskOperation('get', { contactId: byId(contactId), taskId: String(task.id), simple: false }),
		);
		expect(raw.items[0].json).toEqual(task);
	});

	it('filters by derived status and applies Limit locally, with one request and no paging', async () => {
		const contactId = await freshContact();
		const past = new Date(Date.now() - 2 * DAY).toISOString();
		const future = new Date(Date.now() + 2 * DAY).toISOString();
		const done = await addTask(contactId, { title: 'Done', dueDate: past, completed: true });
		const late = await addTask(contactId, { title: 'Late', dueDate: past });
		const upcoming = await addTask(contactId, { title: 'Upcoming', dueDate: future });
		const laterStill = await addTask(contactId, { title: 'Later still', dueDate: future });

		const byStatus = async (status: string) => {
			const run = await runLogged(
				sandbox(),
				taskOperation('getAll', {
					contactId: byId(contactId),
					returnAll: true,
					filters: { status },
				}),
			);
			expect(run.error).toBeUndefined();
			expect(run.requests).toMatchObject([
				{ method: 'GET', path: `/contacts/${contactId}/tasks`, query: {} },
			]);
			return run.items.map((item) => item.json);
		};
		expect(await byStatus('completed')).toEqual([
			{ id: done.id, title: 'Done', status: 'completed', dueDate: done.dueDate },
		]);
		expect(await byStatus('overdue')).toEqual([
			{ id: late.id, title: 'Late', status: 'overdue', dueDate: late.dueDate },
		]);
		expect((await byStatus('pending')).map((task) => task.id).sort()).toEqual(
			[upcoming.id, laterStill.id].sort(),
		);
		expect(await byStatus('all')).toHaveLength(4);

		const limited = await runLogged(
			sandbox(),
			taskOperation('getAll', {
				contactId: byId(contactId),
				limit: 2,
				filters: { status: 'pending' },
			}),
		);
		expect(limited.items).toHaveLength(2);
		expect(limited.items.every((item) => item.json.status === 'pending')).toBe(true);
		expect(limited.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('works with an OAuth2 credential', async () => {
		const contactId = await freshContact();
		const task = await addTask(contactId, { title: 'Via OAuth', dueDate: '2030-01-01T00:00:00Z' });
		const run = await runLogged(sandbox(), {
			parameters: {
				resource: 'task',
				operation: 'getAll',
				authentication: 'oAuth2',
				contactId: byId(contactId),
				simple: false,
			},
			credentials: [await oauthCredential(sandbox())],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([{ method: 'GET', path: `/contacts/${contactId}/tasks` }]);
		expect(run.items.map((item) => item.json)).toEqual([task]);
	});
});

describe('Task: Update, Mark Completed, Mark Incomplete, Delete', () => {
	it('updates only the fields given and leaves the rest of the task as it was', async () => {
		const contactId = contacts[2];
		const task = await addTask(contactId, {
			title: 'Before',
			body: 'Keep me',
			dueDate: '2030-05-05T10:00:00Z',
			assignedTo: userId,
		});
		const run = await runLogged(
			sandbox(),
			taskOperation('update', {
				contactId: byId(contactId),
				taskId: String(task.id),
				updateFields: { title: 'After', body: '' },
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{
				method: 'PUT',
				path: `/contacts/${contactId}/tasks/${String(task.id)}`,
				body: { title: 'After' },
				status: 200,
			},
		]);
		expect(run.requests[0].body).toEqual({ title: 'After' });
		const stored = await readTask(contactId, String(task.id));
		expect(stored).toEqual({ ...task, title: 'After' });
		expect(run.items).toEqual([{ json: stored, pairedItem: { item: 0 } }]);
	});

	it('refuses an update with no fields before sending', async () => {
		const run = await runLogged(
			sandbox(),
			taskOperation('update', { contactId: byId(contacts[2]), taskId: 'abc', updateFields: {} }),
		);

		expect(run.error?.message).toBe('Update Fields is empty: nothing to update');
		expect(run.requests).toEqual([]);
	});

	it('marks a task completed, then incomplete, through the completed endpoint', async () => {
		const contactId = contacts[3];
		const task = await addTask(contactId, { title: 'Toggle', dueDate: '2030-01-01T00:00:00Z' });
		const path = `/contacts/${contactId}/tasks/${String(task.id)}/completed`;

		for (const [operation, completed] of [
			['markCompleted', true],
			['markIncomplete', false],
		] as const) {
			const run = await runLogged(
				sandbox(),
				taskOperation(operation, { contactId: byId(contactId), taskId: String(task.id) }),
			);
			expect(run.error).toBeUndefined();
			expect(run.requests).toMatchObject([
				{ method: 'PUT', path, body: { completed }, status: 200 },
			]);
			expect(run.requests[0].body).toEqual({ completed });
			expect(await readTask(contactId, String(task.id))).toEqual({ ...task, completed });
			expect(run.items).toEqual([{ json: { ...task, completed }, pairedItem: { item: 0 } }]);
		}
	});

	it('deletes a task and says so with a correctly spelled flag', async () => {
		const contactId = contacts[4];
		const task = await addTask(contactId, { title: 'Delete me', dueDate: '2030-01-01T00:00:00Z' });
		const taskId = String(task.id);
		const run = await runLogged(
			sandbox(),
			taskOperation('delete', { contactId: byId(contactId), taskId }),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{ method: 'DELETE', path: `/contacts/${contactId}/tasks/${taskId}`, status: 200 },
		]);
		expect(run.items).toEqual([
			{ json: { success: true, contactId, taskId }, pairedItem: { item: 0 } },
		]);
		const { tasks } = await ghl<{ tasks: IDataObject[] }>(
			sandbox(),
			'GET',
			`/contacts/${contactId}/tasks`,
		);
		expect(tasks.map((entry) => entry.id)).not.toContain(taskId);
	});

	it('refuses a task ID with a path character before sending', async () => {
		const run = await runLogged(
			sandbox(),
			taskOperation('delete', { contactId: byId(contacts[4]), taskId: '../../notes/x' }),
		);

		expect(run.error?.message).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});

	it('with Continue On Fail, reports the failing item and carries on', async () => {
		const contactId = contacts[5];
		const task = await addTask(contactId, { title: 'Survivor', dueDate: '2030-01-01T00:00:00Z' });
		const run = await runLogged(sandbox(), {
			...taskOperation('markCompleted', {
				contactId: byId(contactId),
				taskId: '={{ $json.taskId }}',
			}),
			items: [{ taskId: 'bad?id' }, { taskId: task.id }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => request.path)).toEqual([
			`/contacts/${contactId}/tasks/${String(task.id)}/completed`,
		]);
		expect(run.items).toHaveLength(2);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(String(run.items[0].json.error)).toContain('contains a character an ID cannot have');
		expect(run.items[1]).toEqual({ json: { ...task, completed: true }, pairedItem: { item: 1 } });
	});
});

describe('Assigned To picker (users)', () => {
	it("lists the location's users, filtered locally by name or email", async () => {
		const users = await locationUsers(sandbox());
		await clearLog(sandbox());
		const all = await runListSearch('searchUsers', pitCredential(sandbox()));
		expect(all.results.map((result) => result.value).sort()).toEqual(
			users.map((user) => user.id).sort(),
		);
		const [logged] = await requestLog(sandbox());
		expect(logged).toMatchObject({
			method: 'GET',
			path: '/users/',
			query: { locationId: sandbox().mainLocationId },
		});

		const wanted = users[users.length - 1];
		const filtered = await runListSearch(
			'searchUsers',
			pitCredential(sandbox()),
			wanted.email.toUpperCase(),
		);
		expect(filtered.results.map((result) => result.value)).toEqual([wanted.id]);
		expect(filtered.results[0].name).toContain(wanted.email);
	});

	it('without users.readonly, fails visibly, names the scope and points to By ID, sending nothing', async () => {
		const credential = pitCredential(sandbox(), 'readWrite', {
			scopes: ['contacts.readonly', 'contacts.write'],
		});
		await clearLog(sandbox());
		await expect(runListSearch('searchUsers', credential)).rejects.toThrow(
			/users\.readonly.*choose "By ID"/s,
		);
		expect(await requestLog(sandbox())).toEqual([]);
	});
});
