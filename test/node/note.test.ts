import type { IDataObject } from 'n8n-workflow';

import { oauthCredential, pitCredential, useSandbox } from '../support/ghl';
import { byId, fromList, ghl, locationUsers, runLogged, someContactIds } from './assoc.support';

const sandbox = useSandbox({ contacts: 10, latency: { fixedMs: 0, randomMs: 0 } });

let contacts: string[];
let userId: string;
beforeAll(async () => {
	contacts = await someContactIds(sandbox(), 6);
	userId = (await locationUsers(sandbox()))[0].id;
});

const noteOperation = (operation: string, parameters: object) => ({
	parameters: { resource: 'note', operation, ...parameters },
	credentials: [pitCredential(sandbox())],
});

async function addNote(contactId: string, note: IDataObject): Promise<IDataObject> {
	const response = await ghl<{ note: IDataObject }>(
		sandbox(),
		'POST',
		`/contacts/${contactId}/notes`,
		note,
	);
	return response.note;
}

async function notesOf(contactId: string): Promise<IDataObject[]> {
	const { notes } = await ghl<{ notes: IDataObject[] }>(
		sandbox(),
		'GET',
		`/contacts/${contactId}/notes`,
	);
	return notes;
}

describe('Note: Create', () => {
	it('sends body, title, colour, pinned and the picked user as the spec names them', async () => {
		const contactId = contacts[0];
		const run = await runLogged(
			sandbox(),
			noteOperation('create', {
				contactId: byId(contactId),
				body: 'Prefers email after 5pm',
				additionalFields: {
					title: 'Follow-up',
					color: '#FFAA00',
					pinned: true,
					userId: fromList(userId),
				},
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toHaveLength(1);
		expect(run.requests[0]).toMatchObject({
			method: 'POST',
			path: `/contacts/${contactId}/notes`,
			status: 201,
		});
		expect(run.requests[0].headers.version).toBe('2021-07-28');
		expect(run.requests[0].body).toEqual({
			body: 'Prefers email after 5pm',
			title: 'Follow-up',
			color: '#FFAA00',
			pinned: true,
			userId,
		});

		const created = run.items[0].json;
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		const { note: stored } = await ghl<{ note: IDataObject }>(
			sandbox(),
			'GET',
			`/contacts/${contactId}/notes/${String(created.id)}`,
		);
		expect(stored).toMatchObject({
			body: 'Prefers email after 5pm',
			title: 'Follow-up',
			color: '#FFAA00',
			pinned: true,
			userId,
		});
		expect(created).toEqual(stored);
	});

	it('sends only the body when nothing else is set, never empty strings', async () => {
		const run = await runLogged(
			sandbox(),
			noteOperation('create', {
				contactId: byId(contacts[0]),
				body: 'Just text',
				additionalFields: { title: '' },
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests[0].body).toEqual({ body: 'Just text' });
	});

	it('refuses a colour that is not a hex code, naming the field, before sending', async () => {
		const run = await runLogged(
			sandbox(),
			noteOperation('create', {
				contactId: byId(contacts[0]),
				body: 'x',
				additionalFields: { color: 'orange' },
			}),
		);

		expect(run.error?.message).toBe('Color "orange" is not a hex colour code');
		expect(run.error?.description).toContain('#FFAA00');
		expect(run.requests).toEqual([]);
	});

	it('refuses an empty body before sending', async () => {
		// A literal empty Body is already stopped by n8n (required field); a mapped one reaches the node.
		const run = await runLogged(sandbox(), {
			...noteOperation('create', { contactId: byId(contacts[0]), body: '={{ $json.text }}' }),
			items: [{ text: '  ' }],
		});

		expect(run.error?.message).toBe('Body is empty');
		expect(run.requests).toEqual([]);
	});

	it('refuses to write with a read-only token, naming the scope, before sending', async () => {
		const run = await runLogged(sandbox(), {
			...noteOperation('create', { contactId: byId(contacts[0]), body: 'x' }),
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(run.error?.message).toContain('needs the scope contacts.write');
		expect(run.requests).toEqual([]);
	});
});

describe('Note: Get and Get Many', () => {
	it('gets one note through the `id` path parameter, simplified or raw', async () => {
		const contactId = contacts[1];
		const note = await addNote(contactId, { body: 'Read me', title: 'T', pinned: false });
		const noteId = String(note.id);

		const simple = await runLogged(
			sandbox(),
			noteOperation('get', { contactId: byId(contactId), noteId }),
		);
		expect(simple.error).toBeUndefined();
		expect(simple.requests).toMatchObject([
			{ method: 'GET', path: `/contacts/${contactId}/notes/${noteId}`, status: 200 },
		]);
		expect(simple.items).toEqual([
			{
				json: { id: note.id, body: 'Read me', dateAdded: note.dateAdded },
				pairedItem: { item: 0 },
			},
		]);

		const raw = await runLogged(
			sandbox(),
			noteOperation('get', { contactId: byId(contactId), noteId, simple: false }),
		);
		expect(raw.items[0].json).toEqual(note);
	});

	it('returns all notes or the first Limit of them, from one unpaged request', async () => {
		const contactId = contacts[2];
		for (const body of ['one', 'two', 'three']) await addNote(contactId, { body });
		const notes = await notesOf(contactId);
		expect(notes.length).toBeGreaterThanOrEqual(3);

		const all = await runLogged(
			sandbox(),
			noteOperation('getAll', { contactId: byId(contactId), returnAll: true, simple: false }),
		);
		expect(all.error).toBeUndefined();
		expect(all.requests).toMatchObject([
			{ method: 'GET', path: `/contacts/${contactId}/notes`, query: {} },
		]);
		expect(all.items.map((item) => item.json)).toEqual(notes);

		const limited = await runLogged(
			sandbox(),
			noteOperation('getAll', { contactId: byId(contactId), limit: 2 }),
		);
		expect(limited.requests).toHaveLength(1);
		expect(limited.items).toEqual(
			notes.slice(0, 2).map((note) => ({
				json: { id: note.id, body: note.body, dateAdded: note.dateAdded },
				pairedItem: { item: 0 },
			})),
		);
	});

	it('works with an OAuth2 credential', async () => {
		const contactId = contacts[1];
		const run = await runLogged(sandbox(), {
			parameters: {
				resource: 'note',
				operation: 'getAll',
				authentication: 'oAuth2',
				contactId: byId(contactId),
				returnAll: true,
				simple: false,
			},
			credentials: [await oauthCredential(sandbox())],
		});

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([{ method: 'GET', path: `/contacts/${contactId}/notes` }]);
		expect(run.items.map((item) => item.json)).toEqual(await notesOf(contactId));
	});
});

describe('Note: Update and Delete', () => {
	it('updates only the fields given and leaves the rest of the note as it was', async () => {
		const contactId = contacts[3];
		const note = await addNote(contactId, {
			body: 'Keep me',
			title: 'Before',
			color: '#112233',
			pinned: false,
		});
		const noteId = String(note.id);
		const run = await runLogged(
			sandbox(),
			noteOperation('update', {
				contactId: byId(contactId),
				noteId,
				updateFields: { title: 'After', pinned: true },
			}),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{ method: 'PUT', path: `/contacts/${contactId}/notes/${noteId}`, status: 200 },
		]);
		expect(run.requests[0].body).toEqual({ title: 'After', pinned: true });
		const { note: stored } = await ghl<{ note: IDataObject }>(
			sandbox(),
			'GET',
			`/contacts/${contactId}/notes/${noteId}`,
		);
		expect(stored).toEqual({ ...note, title: 'After', pinned: true });
		expect(run.items).toEqual([{ json: stored, pairedItem: { item: 0 } }]);
	});

	it('refuses an update with no fields before sending', async () => {
		const run = await runLogged(
			sandbox(),
			noteOperation('update', {
				contactId: byId(contacts[3]),
				noteId: 'abc',
				updateFields: { body: ' ' },
			}),
		);

		expect(run.error?.message).toBe('Update Fields is empty: nothing to update');
		expect(run.requests).toEqual([]);
	});

	it('deletes a note and says so with a correctly spelled flag', async () => {
		const contactId = contacts[4];
		const note = await addNote(contactId, { body: 'Delete me' });
		const noteId = String(note.id);
		const run = await runLogged(
			sandbox(),
			noteOperation('delete', { contactId: byId(contactId), noteId }),
		);

		expect(run.error).toBeUndefined();
		expect(run.requests).toMatchObject([
			{ method: 'DELETE', path: `/contacts/${contactId}/notes/${noteId}`, status: 200 },
		]);
		expect(run.items).toEqual([
			{ json: { success: true, contactId, noteId }, pairedItem: { item: 0 } },
		]);
		expect((await notesOf(contactId)).map((entry) => entry.id)).not.toContain(noteId);
	});

	it('refuses a note ID with a path character before sending', async () => {
		const run = await runLogged(
			sandbox(),
			noteOperation('delete', { contactId: byId(contacts[4]), noteId: 'a#b' }),
		);

		expect(run.error?.message).toContain('contains a character an ID cannot have');
		expect(run.requests).toEqual([]);
	});

	it('with Continue On Fail, reports the failing item and carries on', async () => {
		const contactId = contacts[5];
		const run = await runLogged(sandbox(), {
			...noteOperation('create', { contactId: byId(contactId), body: '={{ $json.text }}' }),
			items: [{ text: '' }, { text: 'Second item' }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.requests.map((request) => request.body)).toEqual([{ body: 'Second item' }]);
		expect(run.items).toHaveLength(2);
		expect(run.items[0]).toEqual({ json: { error: 'Body is empty' }, pairedItem: { item: 0 } });
		expect(run.items[1]).toMatchObject({
			json: { body: 'Second item', contactId },
			pairedItem: { item: 1 },
		});
	});
});
