import { pitCredential, useSandbox } from '../support/ghl';
import { byId, runLogged, someContactIds } from './assoc.support';

/**
 * n8n's editor saves a new GHL API credential with Scopes empty (it does not apply the field's
 * default). Such a credential declares nothing: every call is sent and GHL decides, instead of
 * every call being refused before it is sent.
 */
const sandbox = useSandbox({ contacts: 10, latency: { fixedMs: 0, randomMs: 0 } });

const asTheEditorSavesIt = (which: 'readWrite' | 'readOnly') =>
	pitCredential(sandbox(), which, { scopes: [] });

const getContact = (contactId: string, options = {}) => ({
	resource: 'contact',
	operation: 'get',
	contactId: byId(contactId),
	options,
});

describe('a token credential whose Scopes were left empty', () => {
	it('reads a contact: the request is sent and the contact comes out', async () => {
		const [contactId] = await someContactIds(sandbox(), 1);
		const run = await runLogged(sandbox(), {
			parameters: getContact(contactId),
			credentials: [asTheEditorSavesIt('readOnly')],
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /contacts/${contactId}`,
		]);
		expect(run.items.map((item) => item.json.id)).toEqual([contactId]);
	});

	it('names custom fields when the token can read them', async () => {
		const [contactId] = await someContactIds(sandbox(), 1);
		const run = await runLogged(sandbox(), {
			parameters: getContact(contactId, { customFieldsOutput: 'key' }),
			credentials: [asTheEditorSavesIt('readWrite')],
		});
		expect(run.error).toBeUndefined();
		expect(run.requests.map((r) => r.path)).toContain(
			`/locations/${sandbox().mainLocationId}/customFields`,
		);
		expect(Array.isArray(run.items[0].json.customFields)).toBe(false);
	});

	it('output by key when the token may not read custom fields: GHL’s 401, then the scope named', async () => {
		const [contactId] = await someContactIds(sandbox(), 1);
		const run = await runLogged(sandbox(), {
			parameters: getContact(contactId, { customFieldsOutput: 'key' }),
			credentials: [asTheEditorSavesIt('readOnly')],
		});
		const customFieldsReads = run.requests.filter((r) => r.path.endsWith('/customFields'));
		expect(customFieldsReads.map((r) => r.status)).toEqual([401]);
		expect(run.error?.message).toContain('lacks the locations/customFields.readonly scope');
		expect(run.error?.description).toContain('or set Custom Fields Output to As Returned');
	});

	it('a write the token may not make: sent once, and GHL’s 401 explained as a missing scope', async () => {
		const run = await runLogged(sandbox(), {
			parameters: {
				resource: 'contact',
				operation: 'create',
				email: 'scope-probe@example.com',
				additionalFields: {},
			},
			credentials: [asTheEditorSavesIt('readOnly')],
		});
		expect(run.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /contacts/ 401',
		]);
		expect(run.error?.description).toContain('lacks a scope');
	});
});
