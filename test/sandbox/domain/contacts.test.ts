import { DomainHarness, MAIN_LOCATION_ID, OTHER_LOCATION_ID, START } from './domainHarness';

function customFieldId(h: DomainHarness, fieldKey: string): string {
	const { customFields } = h.ok('get-custom-fields', {
		params: { locationId: MAIN_LOCATION_ID },
		query: { model: 'contact' },
	});
	return customFields.find((f: { fieldKey: string }) => f.fieldKey === fieldKey).id;
}

describe('contacts: create, get, update, delete', () => {
	let h: DomainHarness;
	beforeEach(() => {
		h = new DomainHarness();
	});

	it('creates a contact (201) with normalised phone, lower-cased tags and derived fields', () => {
		const { contact } = h.ok(
			'create-contact',
			{
				body: {
					locationId: MAIN_LOCATION_ID,
					firstName: 'Ada',
					lastName: 'Lovelace',
					email: 'Ada@Example.com',
					phone: '+1 (415) 555-0100',
					tags: [' VIP ', 'vip', 'Newsletter'],
					dateOfBirth: '12/10/1985',
					source: 'api',
				},
			},
			201,
		);
		expect(contact).toMatchObject({
			locationId: MAIN_LOCATION_ID,
			firstName: 'Ada',
			firstNameLowerCase: 'ada',
			fullNameLowerCase: 'ada lovelace',
			email: 'Ada@Example.com',
			emailLowerCase: 'ada@example.com',
			phone: '+14155550100',
			tags: ['vip', 'newsletter'],
			dateOfBirth: '1985-12-10T00:00:00.000Z',
			birthMonth: 12,
			birthDay: 10,
			deleted: false,
			dateAdded: new Date(START).toISOString(),
			dateUpdated: new Date(START).toISOString(),
		});
		expect(contact.id).toMatch(/^[A-Za-z0-9]{20}$/);
		const fetched = h.ok('get-contact', { params: { contactId: contact.id } }).contact;
		expect(fetched).toMatchObject({ id: contact.id, name: 'Ada Lovelace', phone: '+14155550100' });
		const { tags } = h.ok('get-location-tags', { params: { locationId: MAIN_LOCATION_ID } });
		expect(tags.map((t: { name: string }) => t.name)).toEqual(
			expect.arrayContaining(['vip', 'newsletter']),
		);
	});

	it('splits `name` into first and last name when they are not given', () => {
		const { contact } = h.ok(
			'create-contact',
			{ body: { locationId: MAIN_LOCATION_ID, name: 'Grace Brewster Hopper' } },
			201,
		);
		expect(contact).toMatchObject({ firstName: 'Grace', lastName: 'Brewster Hopper' });
	});

	it('accepts custom fields by id or key, with field_value or value, and coerces by dataType', () => {
		const employees = customFieldId(h, 'contact.employees');
		const interests = customFieldId(h, 'contact.interests');
		const renewal = customFieldId(h, 'contact.renewal_date');
		const colour = customFieldId(h, 'contact.favourite_colour');
		const { contact } = h.ok(
			'create-contact',
			{
				body: {
					locationId: MAIN_LOCATION_ID,
					email: 'fields@example.com',
					customFields: [
						{ id: employees, field_value: '42' },
						{ key: 'interests', field_value: ['SEO', 'Ads'] },
						{ key: 'contact.renewal_date', value: '2027-01-31' },
						{ id: colour, value: 7 },
					],
				},
			},
			201,
		);
		expect(contact.customFields).toEqual(
			expect.arrayContaining([
				{ id: employees, value: 42 },
				{ id: interests, value: ['SEO', 'Ads'] },
				{ id: renewal, value: '2027-01-31' },
				{ id: colour, value: '7' },
			]),
		);
		// Update merges: untouched fields keep their value; an empty value clears a field.
		const updated = h.ok('update-contact', {
			params: { contactId: contact.id },
			body: {
				customFields: [
					{ id: colour, field_value: '' },
					{ id: employees, field_value: 43 },
				],
			},
		}).contact;
		expect(updated.customFields).toEqual(
			expect.arrayContaining([
				{ id: employees, value: 43 },
				{ id: interests, value: ['SEO', 'Ads'] },
			]),
		);
		expect(updated.customFields.find((f: { id: string }) => f.id === colour)).toBeUndefined();
	});

	it('rejects unknown custom fields and wrong value types with a 422 naming them', () => {
		const error = h.fail('create-contact', {
			body: {
				locationId: MAIN_LOCATION_ID,
				customFields: [
					{ id: 'NoSuchField000000000', field_value: 'x' },
					{ key: 'nope', value: 1 },
				],
			},
		});
		expect(error.status).toBe(422);
		expect(error.messages).toEqual([
			'customFields: no custom field with id NoSuchField000000000',
			'customFields: no custom field with key nope',
		]);
		const numeric = h.fail('create-contact', {
			body: {
				locationId: MAIN_LOCATION_ID,
				customFields: [{ key: 'employees', field_value: 'many' }],
			},
		});
		expect(numeric.status).toBe(422);
		expect(String(numeric.messages)).toContain('contact.employees');
	});

	it('rejects a duplicate email, then a duplicate phone, with the matching contact in meta', () => {
		const first = h.ok(
			'create-contact',
			{
				body: {
					locationId: MAIN_LOCATION_ID,
					firstName: 'Dup',
					lastName: 'One',
					email: 'dup@example.com',
					phone: '+14155550111',
				},
			},
			201,
		).contact;
		const byEmail = h.fail('create-contact', {
			body: { locationId: MAIN_LOCATION_ID, email: 'DUP@example.com' },
		});
		expect(byEmail.status).toBe(400);
		expect(byEmail.messages).toBe('This location does not allow duplicated contacts.');
		expect(byEmail.extra).toEqual({
			meta: { contactId: first.id, contactName: 'Dup One', matchingField: 'email' },
		});
		const byPhone = h.fail('create-contact', {
			body: { locationId: MAIN_LOCATION_ID, phone: '(415) 555-0111' },
		});
		expect(byPhone.extra).toEqual({
			meta: { contactId: first.id, contactName: 'Dup One', matchingField: 'phone' },
		});
	});

	it('allows duplicates in a location whose setting allows them', () => {
		const body = { locationId: OTHER_LOCATION_ID, email: 'twin@example.com' };
		const a = h.ok('create-contact', { body, locationId: OTHER_LOCATION_ID }, 201).contact;
		const b = h.ok('create-contact', { body, locationId: OTHER_LOCATION_ID }, 201).contact;
		expect(a.id).not.toBe(b.id);
	});

	it('answers 400 for an unknown contact and 403 for a contact of another location', () => {
		const unknown = h.fail('get-contact', { params: { contactId: 'Unknown0000000000000' } });
		expect(unknown.status).toBe(400);
		expect(unknown.messages).toBe('Contact with id Unknown0000000000000 not found');
		const foreign = h.seedContact({ locationId: OTHER_LOCATION_ID, firstName: 'Far' });
		for (const op of [
			'get-contact',
			'update-contact',
			'delete-contact',
			'get-all-tasks',
			'get-all-notes',
		]) {
			const error = h.fail(op, { params: { contactId: foreign.id }, body: {} });
			expect([op, error.status, error.messages]).toEqual([
				op,
				403,
				'The token does not have access to this location.',
			]);
		}
		const mismatch = h.fail('create-contact', {
			body: { locationId: OTHER_LOCATION_ID, firstName: 'X' },
		});
		expect(mismatch.status).toBe(403);
	});

	it('updates with PUT semantics for tags (overwrite) and moves dateUpdated', () => {
		const contact = h.seedContact({ firstName: 'Up', email: 'up@example.com', tags: ['a', 'b'] });
		h.clock.advance(5000);
		const result = h.ok('update-contact', {
			params: { contactId: contact.id },
			body: { tags: ['c'], city: 'Lisbon' },
		});
		expect(result.succeded).toBe(true);
		expect(result.contact).toMatchObject({
			tags: ['c'],
			city: 'Lisbon',
			email: 'up@example.com',
			dateAdded: new Date(START).toISOString(),
			dateUpdated: new Date(START + 5000).toISOString(),
		});
	});

	it('refuses an update that would duplicate another contact', () => {
		h.seedContact({ email: 'taken@example.com' });
		const other = h.seedContact({ email: 'free@example.com' });
		const error = h.fail('update-contact', {
			params: { contactId: other.id },
			body: { email: 'taken@example.com' },
		});
		expect(error.status).toBe(400);
		expect((error.extra.meta as { matchingField: string }).matchingField).toBe('email');
		// Keeping one's own email is not a duplicate.
		h.ok('update-contact', {
			params: { contactId: other.id },
			body: { email: 'free@example.com', city: 'Oslo' },
		});
	});

	it('deletes a contact, with its tasks and notes', () => {
		const contact = h.seedContact({ firstName: 'Gone' });
		h.ok(
			'create-task',
			{
				params: { contactId: contact.id },
				body: { title: 't', dueDate: '2026-07-01T00:00:00Z', completed: false },
			},
			201,
		);
		expect(h.ok('delete-contact', { params: { contactId: contact.id } })).toEqual({
			succeded: true,
		});
		expect(h.fail('get-contact', { params: { contactId: contact.id } }).status).toBe(400);
		expect(h.fail('get-all-tasks', { params: { contactId: contact.id } }).status).toBe(400);
		expect(h.fail('delete-contact', { params: { contactId: contact.id } }).status).toBe(400);
	});

	it('validates email, phone, dateOfBirth and dndSettings', () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ email: 'not-an-email' }, 'email must be an email'],
			[{ phone: '12' }, 'phone must be a valid phone number'],
			[{ dateOfBirth: '1990-02-31' }, 'dateOfBirth must be a valid date'],
			[
				{ dndSettings: { SMS: { status: 'sometimes' } } },
				'dndSettings.SMS.status must be one of active, inactive, permanent',
			],
		];
		for (const [fields, message] of cases) {
			const error = h.fail('create-contact', { body: { locationId: MAIN_LOCATION_ID, ...fields } });
			expect([error.status, error.messages]).toEqual([422, [message]]);
		}
	});
});

describe('contacts: upsert and duplicate search', () => {
	let h: DomainHarness;
	beforeEach(() => {
		h = new DomainHarness();
	});

	it('creates when nothing matches (new: true, 200) and updates the email match afterwards', () => {
		const created = h.ok('upsert-contact', {
			body: { locationId: MAIN_LOCATION_ID, email: 'ups@example.com', firstName: 'Ups' },
		});
		expect(created.new).toBe(true);
		expect(typeof created.traceId).toBe('string');
		h.clock.advance(1000);
		const updated = h.ok('upsert-contact', {
			body: { locationId: MAIN_LOCATION_ID, email: 'UPS@example.com', lastName: 'Daisy' },
		});
		expect(updated.new).toBe(false);
		expect(updated.contact).toMatchObject({
			id: created.contact.id,
			firstName: 'Ups',
			lastName: 'Daisy',
		});
		expect(updated.contact.dateUpdated).toBe(new Date(START + 1000).toISOString());
	});

	it('updates the email match and ignores a phone that belongs to another contact', () => {
		const byEmail = h.seedContact({ email: 'e@example.com', phone: '+14155550001' });
		const byPhone = h.seedContact({ email: 'p@example.com', phone: '+14155550002' });
		const result = h.ok('upsert-contact', {
			body: {
				locationId: MAIN_LOCATION_ID,
				email: 'e@example.com',
				phone: '+14155550002',
				city: 'Rome',
			},
		});
		expect(result.new).toBe(false);
		expect(result.contact).toMatchObject({ id: byEmail.id, phone: '+14155550001', city: 'Rome' });
		expect(h.ok('get-contact', { params: { contactId: byPhone.id } }).contact.phone).toBe(
			'+14155550002',
		);
	});

	it('matches by phone when no email matches', () => {
		const contact = h.seedContact({ phone: '+14155550003' });
		const result = h.ok('upsert-contact', {
			body: { locationId: MAIN_LOCATION_ID, phone: '415-555-0003', firstName: 'Phoned' },
		});
		expect(result).toMatchObject({ new: false, contact: { id: contact.id, firstName: 'Phoned' } });
	});

	it('always creates with createNewIfDuplicateAllowed in a location that allows duplicates', () => {
		const body = {
			locationId: OTHER_LOCATION_ID,
			email: 'same@example.com',
			createNewIfDuplicateAllowed: true,
		};
		const a = h.ok('upsert-contact', { body, locationId: OTHER_LOCATION_ID });
		const b = h.ok('upsert-contact', { body, locationId: OTHER_LOCATION_ID });
		expect([a.new, b.new]).toEqual([true, true]);
		expect(a.contact.id).not.toBe(b.contact.id);
		// Without the flag, the duplicate rule applies: the oldest match is updated.
		const c = h.ok('upsert-contact', {
			body: { ...body, createNewIfDuplicateAllowed: false },
			locationId: OTHER_LOCATION_ID,
		});
		expect(c).toMatchObject({ new: false, contact: { id: a.contact.id } });
	});

	it('finds duplicates by email first, then by number, else null', () => {
		const a = h.seedContact({ email: 'first@example.com', phone: '+14155550010' });
		const b = h.seedContact({ email: 'second@example.com', phone: '+14155550011' });
		const query = (q: Record<string, string>) =>
			h.ok('get-duplicate-contact', { query: { locationId: MAIN_LOCATION_ID, ...q } }).contact;
		expect(query({ email: 'first@example.com', number: '+14155550011' }).id).toBe(a.id);
		expect(query({ email: 'nobody@example.com', number: '+14155550011' }).id).toBe(b.id);
		expect(query({ number: '4155550010' }).id).toBe(a.id);
		expect(query({ email: 'nobody@example.com' })).toBeNull();
	});
});
