import type { IDataObject } from 'n8n-workflow';

import { clearLog, oauthCredential, pitCredential, requestLog, useSandbox } from '../support/ghl';
import {
	byId,
	contactRecord,
	fromList,
	ghl,
	listOf,
	runListSearch,
	runLogged,
	someContactIds,
} from './assoc.support';

const sandbox = useSandbox({ contacts: 30, latency: { fixedMs: 0, randomMs: 0 } });

interface Named {
	id: string;
	name: string;
	status?: string;
}

let contacts: string[];
let users: Named[];
let campaigns: Named[];
let workflows: Named[];
let businesses: Named[];

beforeAll(async () => {
	const location = `locationId=${sandbox().mainLocationId}`;
	contacts = await someContactIds(sandbox(), 20);
	({ users } = await ghl<{ users: Named[] }>(sandbox(), 'GET', `/users/?${location}`));
	({ campaigns } = await ghl<{ campaigns: Named[] }>(sandbox(), 'GET', `/campaigns/?${location}`));
	({ workflows } = await ghl<{ workflows: Named[] }>(sandbox(), 'GET', `/workflows/?${location}`));
	({ businesses } = await ghl<{ businesses: Named[] }>(
		sandbox(),
		'GET',
		`/businesses/?${location}`,
	));
});

const run = (resource: string, operation: string, parameters: object, extra: object = {}) =>
	runLogged(sandbox(), {
		parameters: { resource, operation, ...parameters },
		credentials: [pitCredential(sandbox())],
		...extra,
	});

const sent = (requests: Array<{ method: string; path: string; body: unknown }>) =>
	requests.map(({ method, path, body }) => ({ method, path, body }));

const contact = async (contactId: string) =>
	(await ghl<{ contact: IDataObject }>(sandbox(), 'GET', `/contacts/${contactId}`)).contact;

describe('Follower', () => {
	it('adds users as followers and outputs all followers and the ones added', async () => {
		const contactId = contacts[0];
		const [first, second] = [users[1].id, users[2].id];
		await ghl(sandbox(), 'DELETE', `/contacts/${contactId}/followers`, {
			followers: [first, second],
		});
		const result = await run('follower', 'add', {
			contactId: byId(contactId),
			followers: listOf(fromList(first), { __rl: true, mode: 'id', value: `${second}, ${first}` }),
		});

		expect(result.error).toBeUndefined();
		expect(sent(result.requests)).toEqual([
			{
				method: 'POST',
				path: `/contacts/${contactId}/followers`,
				body: { followers: [first, second] },
			},
		]);
		expect(result.requests[0].headers.version).toBe('2021-07-28');
		const { followers } = await contact(contactId);
		expect(followers).toEqual(expect.arrayContaining([first, second]));
		expect(result.items).toEqual([
			{
				json: { success: true, contactId, followers, followersAdded: [first, second] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('removes followers with a JSON body on DELETE', async () => {
		const contactId = contacts[1];
		const [stays, goes] = [users[1].id, users[2].id];
		await ghl(sandbox(), 'POST', `/contacts/${contactId}/followers`, { followers: [stays, goes] });
		const result = await run('follower', 'remove', {
			contactId: byId(contactId),
			followers: listOf(fromList(goes)),
		});

		expect(result.error).toBeUndefined();
		expect(sent(result.requests)).toEqual([
			{ method: 'DELETE', path: `/contacts/${contactId}/followers`, body: { followers: [goes] } },
		]);
		const { followers } = await contact(contactId);
		expect(followers).toContain(stays);
		expect(followers).not.toContain(goes);
		expect(result.items[0].json).toEqual({
			success: true,
			contactId,
			followers,
			followersRemoved: [goes],
		});
	});

	it('refuses an empty follower list before sending anything', async () => {
		const result = await run('follower', 'add', { contactId: byId(contacts[0]), followers: {} });

		expect(result.error?.message).toBe('Followers is empty');
		expect(result.requests).toEqual([]);
	});

	it('refuses a write with a read-only token before sending anything', async () => {
		const result = await runLogged(sandbox(), {
			parameters: {
				resource: 'follower',
				operation: 'add',
				contactId: byId(contacts[0]),
				followers: listOf(fromList(users[1].id)),
			},
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(result.error?.message).toContain('needs the scope contacts.write');
		expect(result.requests).toEqual([]);
	});
});

describe('Campaign', () => {
	it('adds a contact to a campaign (OAuth2) and removes it again (PIT)', async () => {
		const contactId = contacts[2];
		const campaignId = campaigns[0].id;
		const added = await runLogged(sandbox(), {
			parameters: {
				authentication: 'oAuth2',
				resource: 'campaign',
				operation: 'addContact',
				contactId: byId(contactId),
				campaignId: fromList(campaignId),
			},
			credentials: [await oauthCredential(sandbox())],
		});

		expect(added.error).toBeUndefined();
		expect(added.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
			{ method: 'POST', path: `/contacts/${contactId}/campaigns/${campaignId}`, status: 201 },
		]);
		expect(added.requests[0].headers.version).toBe('2021-07-28');
		// The spec requires a body without properties: `{}` is sent (n8n would drop an empty object).
		expect(added.requests[0].body).toEqual({});
		expect(added.requests[0].headers['content-type']).toMatch(/^application\/json/);
		expect(added.items).toEqual([
			{ json: { success: true, contactId, campaignId }, pairedItem: { item: 0 } },
		]);
		expect((await contactRecord(sandbox(), contactId)).campaigns).toContain(campaignId);

		const removed = await run('campaign', 'removeContact', {
			contactId: byId(contactId),
			campaignId: byId(campaignId),
		});
		expect(removed.error).toBeUndefined();
		expect(removed.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
			{ method: 'DELETE', path: `/contacts/${contactId}/campaigns/${campaignId}`, status: 200 },
		]);
		expect(removed.items[0].json).toEqual({ success: true, contactId, campaignId });
		expect((await contactRecord(sandbox(), contactId)).campaigns).not.toContain(campaignId);
	});

	it('removes a contact from all campaigns', async () => {
		const contactId = contacts[3];
		for (const campaign of campaigns.slice(0, 2)) {
			await ghl(sandbox(), 'POST', `/contacts/${contactId}/campaigns/${campaign.id}`, {});
		}
		expect((await contactRecord(sandbox(), contactId)).campaigns.length).toBeGreaterThanOrEqual(2);
		const result = await run('campaign', 'removeFromAll', { contactId: byId(contactId) });

		expect(result.error).toBeUndefined();
		expect(result.requests.map(({ method, path }) => ({ method, path }))).toEqual([
			{ method: 'DELETE', path: `/contacts/${contactId}/campaigns/removeAll` },
		]);
		expect(result.items[0].json).toEqual({ success: true, contactId, allCampaigns: true });
		expect((await contactRecord(sandbox(), contactId)).campaigns).toEqual([]);
	});

	it('refuses an empty campaign and a campaign ID with a path character before sending', async () => {
		// Typed IDs are checked by the editor; mapped ones reach the node.
		const mapped = { contactId: byId(contacts[2]), campaignId: byId('={{ $json.campaign }}') };
		const empty = await run('campaign', 'addContact', mapped, { items: [{ campaign: ' ' }] });
		expect(empty.error?.message).toBe('Campaign ID is empty');
		expect(empty.requests).toEqual([]);

		const pathy = await run('campaign', 'removeContact', mapped, {
			items: [{ campaign: 'removeAll?x=1' }],
		});
		expect(pathy.error?.message).toContain('contains a character an ID cannot have');
		expect(pathy.requests).toEqual([]);
	});

	it('shows the API error for an unknown campaign on its item with Continue On Fail', async () => {
		const contactId = contacts[4];
		const result = await run(
			'campaign',
			'addContact',
			{ contactId: byId(contactId), campaignId: byId('={{ $json.campaign }}') },
			{
				items: [{ campaign: 'NoSuchCampaign000000' }, { campaign: campaigns[1].id }],
				continueOnFail: true,
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.requests.map((request) => request.status)).toEqual([expect.any(Number), 201]);
		expect(result.requests[0].status).toBeGreaterThanOrEqual(400);
		expect(result.items[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(String(result.items[0].json.error)).toContain('Add Contact to Campaign failed');
		expect(result.items[1]).toEqual({
			json: { success: true, contactId, campaignId: campaigns[1].id },
			pairedItem: { item: 1 },
		});
	});
});

describe('Workflow', () => {
	it('adds a contact with an Event Start Time read in the given timezone', async () => {
		const contactId = contacts[5];
		const workflowId = workflows[0].id;
		const result = await run('workflow', 'addContact', {
			contactId: byId(contactId),
			workflowId: fromList(workflowId),
			options: { eventStartTime: '2026-03-01T09:30:00', timezone: 'Europe/Berlin' },
		});

		expect(result.error).toBeUndefined();
		expect(sent(result.requests)).toEqual([
			{
				method: 'POST',
				path: `/contacts/${contactId}/workflow/${workflowId}`,
				body: { eventStartTime: '2026-03-01T09:30:00+01:00' },
			},
		]);
		expect(result.requests[0].headers.version).toBe('2021-07-28');
		expect(result.items).toEqual([
			{
				json: { success: true, contactId, workflowId, eventStartTime: '2026-03-01T09:30:00+01:00' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it("reads a zone-less time in the workflow's timezone and keeps an explicit offset", async () => {
		const workflowId = workflows[1].id;
		const result = await run(
			'workflow',
			'addContact',
			{
				contactId: byId(contacts[6]),
				workflowId: byId(workflowId),
				options: { eventStartTime: '={{ $json.at }}' },
			},
			{
				items: [
					{ at: '2026-07-01T08:00:00' },
					{ at: '2026-07-01T08:00:00+09:00' },
					{ at: '2026-07-01 08:00:00' },
				],
			},
		);

		expect(result.error).toBeUndefined();
		// The harness workflow has no timezone setting, so n8n's default applies: America/New_York.
		expect(result.requests.map((request) => request.body)).toEqual([
			{ eventStartTime: '2026-07-01T08:00:00-04:00' },
			{ eventStartTime: '2026-07-01T08:00:00+09:00' },
			{ eventStartTime: '2026-07-01T08:00:00-04:00' },
		]);
	});

	it('accepts a date-time value from an expression, keeping its zone', async () => {
		const result = await run('workflow', 'addContact', {
			contactId: byId(contacts[6]),
			workflowId: byId(workflows[1].id),
			options: {
				eventStartTime: "={{ DateTime.fromISO('2026-07-01T08:00:00', { zone: 'Asia/Tokyo' }) }}",
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.requests.map((request) => request.body)).toEqual([
			{ eventStartTime: '2026-07-01T08:00:00+09:00' },
		]);
	});

	it('adds a contact without an Event Start Time, and removes it', async () => {
		const contactId = contacts[7];
		const workflowId = workflows[2].id;
		const added = await run('workflow', 'addContact', {
			contactId: byId(contactId),
			workflowId: byId(workflowId),
		});
		expect(added.error).toBeUndefined();
		expect(added.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
			{ method: 'POST', path: `/contacts/${contactId}/workflow/${workflowId}`, status: 200 },
		]);
		expect(added.items[0].json).toEqual({ success: true, contactId, workflowId });
		expect((await contactRecord(sandbox(), contactId)).workflows).toContain(workflowId);

		const removed = await run('workflow', 'removeContact', {
			contactId: byId(contactId),
			workflowId: byId(workflowId),
		});
		expect(removed.error).toBeUndefined();
		expect(removed.requests.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
			{ method: 'DELETE', path: `/contacts/${contactId}/workflow/${workflowId}`, status: 200 },
		]);
		expect(removed.items[0].json).toEqual({ success: true, contactId, workflowId });
		expect((await contactRecord(sandbox(), contactId)).workflows).not.toContain(workflowId);
	});

	it('refuses an invalid Event Start Time or timezone before sending anything', async () => {
		const badDate = await run('workflow', 'addContact', {
			contactId: byId(contacts[5]),
			workflowId: byId(workflows[0].id),
			options: { eventStartTime: 'next tuesday' },
		});
		expect(badDate.error?.message).toBe('Event Start Time is not a valid date: "next tuesday"');
		expect(badDate.requests).toEqual([]);

		const badZone = await run('workflow', 'addContact', {
			contactId: byId(contacts[5]),
			workflowId: byId(workflows[0].id),
			options: { eventStartTime: '2026-03-01T09:30:00', timezone: 'Mars/Olympus' },
		});
		expect(badZone.error?.message).toBe('Timezone "Mars/Olympus" is not a known IANA timezone');
		expect(badZone.requests).toEqual([]);
	});

	it('refuses a write with a read-only token before sending anything', async () => {
		const result = await runLogged(sandbox(), {
			parameters: {
				resource: 'workflow',
				operation: 'removeContact',
				contactId: byId(contacts[5]),
				workflowId: byId(workflows[0].id),
			},
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(result.error?.message).toContain('needs the scope contacts.write');
		expect(result.requests).toEqual([]);
	});
});

describe('Business', () => {
	it('adds contacts to a business and removes them again with businessId null', async () => {
		const [a, b] = [contacts[8], contacts[9]];
		const businessId = businesses[0].id;
		const added = await run('business', 'addContacts', {
			businessId: fromList(businessId),
			contactIds: `${a},${b},NoSuchContact0000000`,
		});

		expect(added.error).toBeUndefined();
		expect(sent(added.requests)).toEqual([
			{
				method: 'POST',
				path: '/contacts/bulk/business',
				body: {
					locationId: sandbox().mainLocationId,
					ids: [a, b, 'NoSuchContact0000000'],
					businessId,
				},
			},
		]);
		expect(added.requests[0].headers.version).toBe('2021-07-28');
		expect(added.items).toEqual([
			{
				json: {
					success: true,
					businessId,
					contactIds: [a, b],
					contactIdsNotChanged: ['NoSuchContact0000000'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect((await contact(a)).businessId).toBe(businessId);
		expect((await contact(b)).businessId).toBe(businessId);

		const removed = await run('business', 'removeContacts', { contactIds: a });
		expect(removed.error).toBeUndefined();
		expect(sent(removed.requests)).toEqual([
			{
				method: 'POST',
				path: '/contacts/bulk/business',
				body: { locationId: sandbox().mainLocationId, ids: [a], businessId: null },
			},
		]);
		expect(removed.items[0].json).toEqual({
			success: true,
			businessId: null,
			contactIds: [a],
			contactIdsNotChanged: [],
		});
		expect((await contact(a)).businessId).toBeUndefined();
		expect((await contact(b)).businessId).toBe(businessId);
	});

	it('refuses missing contact IDs and IDs over 50 characters before sending anything', async () => {
		const empty = await run('business', 'removeContacts', { contactIds: ' ' });
		expect(empty.error?.message).toBe('Contact IDs is empty');
		expect(empty.requests).toEqual([]);

		const long = 'x'.repeat(51);
		const tooLong = await run('business', 'addContacts', {
			businessId: byId(businesses[0].id),
			contactIds: `${contacts[10]}, ${long}`,
		});
		expect(tooLong.error?.message).toBe(`Contact ID "${long}" is too long`);
		expect(tooLong.requests).toEqual([]);
	});

	it('refuses a write with a read-only token before sending anything', async () => {
		const result = await runLogged(sandbox(), {
			parameters: { resource: 'business', operation: 'removeContacts', contactIds: contacts[10] },
			credentials: [pitCredential(sandbox(), 'readOnly')],
		});

		expect(result.error?.message).toContain('needs the scope contacts.write');
		expect(result.requests).toEqual([]);
	});
});

describe('Pickers', () => {
	it('list campaigns, workflows and businesses with their names, filtered by the search text', async () => {
		const credential = pitCredential(sandbox());
		for (const [method, records] of [
			['searchCampaigns', campaigns],
			['searchWorkflows', workflows],
			['searchBusinesses', businesses],
		] as const) {
			const all = await runListSearch(method, credential);
			expect(all.results.map((result) => result.value).sort()).toEqual(
				records.map((record) => record.id).sort(),
			);
			const target = records[records.length - 1];
			const filtered = await runListSearch(method, credential, target.name.toUpperCase());
			expect(filtered.results.map((result) => result.value)).toContain(target.id);
			expect(
				filtered.results.every((result) =>
					result.name.toLowerCase().includes(target.name.toLowerCase()),
				),
			).toBe(true);
		}
	});

	it('say which scope is missing and that By ID works, without sending a request', async () => {
		const credential = pitCredential(sandbox(), 'readWrite', {
			scopes: ['contacts.readonly', 'contacts.write'],
		});
		await clearLog(sandbox());
		for (const [method, scope] of [
			['searchCampaigns', 'campaigns.readonly'],
			['searchWorkflows', 'workflows.readonly'],
			['searchBusinesses', 'businesses.readonly'],
		]) {
			await expect(runListSearch(method, credential)).rejects.toThrow(
				new RegExp(`${scope.replace('.', '\\.')}.*choose "By ID"`, 's'),
			);
		}
		expect(await requestLog(sandbox())).toEqual([]);
	});
	it('page businesses by skip, 100 at a time', async () => {
		await clearLog(sandbox());
		const page = await runListSearch(
			'searchBusinesses',
			pitCredential(sandbox()),
			undefined,
			JSON.stringify({ skip: 5, last: 'the-last-of-the-page-before' }),
		);

		expect((await requestLog(sandbox())).map((entry) => entry.query)).toEqual([
			{ locationId: sandbox().mainLocationId, limit: '100', skip: '5' },
		]);
		expect(page.results.map((result) => result.value).sort()).toEqual(
			businesses
				.slice(5)
				.map((business) => business.id)
				.sort(),
		);
		// Fewer than a full page came back: there is no next page.
		expect(page.paginationToken).toBeUndefined();
	});

	it("keep GHL's own refusal and the By ID hint when the server rejects the token", async () => {
		// The credential claims the scope, but the token behind it lacks it: GHL answers 401.
		const credential = pitCredential(sandbox(), 'readOnly', {
			scopes: ['contacts.readonly', 'campaigns.readonly'],
		});
		await clearLog(sandbox());
		await expect(runListSearch('searchCampaigns', credential)).rejects.toThrow(
			/^Search Campaigns failed: .*scope.*choose "By ID"/s,
		);
		expect((await requestLog(sandbox())).map((entry) => [entry.path, entry.status])).toEqual([
			['/campaigns/', 401],
		]);
	});

	it('say so when the credential has no location, without sending a request', async () => {
		await clearLog(sandbox());
		await expect(
			runListSearch('searchWorkflows', pitCredential(sandbox(), 'readWrite', { locationId: '' })),
		).rejects.toThrow('Search Workflows: the credential has no location.');
		expect(await requestLog(sandbox())).toEqual([]);
	});
});

describe('Every family', () => {
	const families = () => ({
		follower: {
			parameters: {
				resource: 'follower',
				operation: 'add',
				contactId: byId('={{ $json.id }}'),
				followers: listOf(fromList(users[3].id)),
			},
			items: [{ id: 'a/b' }, { id: contacts[11] }],
			path: `/contacts/${contacts[11]}/followers`,
		},
		workflow: {
			parameters: {
				resource: 'workflow',
				operation: 'removeContact',
				contactId: byId(contacts[12]),
				workflowId: byId('={{ $json.id }}'),
			},
			items: [{ id: '..' }, { id: workflows[0].id }],
			path: `/contacts/${contacts[12]}/workflow/${workflows[0].id}`,
		},
		business: {
			parameters: {
				resource: 'business',
				operation: 'addContacts',
				businessId: byId('={{ $json.id }}'),
				contactIds: contacts[13],
			},
			items: [{ id: 'x#y' }, { id: businesses[1].id }],
			path: '/contacts/bulk/business',
		},
	});
	const names = ['follower', 'workflow', 'business'] as const;

	it.each(names)(
		'%s: Continue On Fail puts an ID with a path character on its item, sends nothing for it, and carries on',
		async (name) => {
			const family = families()[name];
			const result = await runLogged(sandbox(), {
				parameters: family.parameters,
				credentials: [pitCredential(sandbox())],
				items: family.items,
				continueOnFail: true,
			});

			expect(result.error).toBeUndefined();
			expect(result.requests.map((request) => request.path)).toEqual([family.path]);
			expect(result.items).toHaveLength(2);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(String(result.items[0].json.error)).toContain(
				'contains a character an ID cannot have',
			);
			expect(result.items[1]).toMatchObject({ json: { success: true }, pairedItem: { item: 1 } });
		},
	);

	it.each(names)('%s: works with an OAuth2 credential', async (name) => {
		const family = families()[name];
		const result = await runLogged(sandbox(), {
			parameters: { ...family.parameters, authentication: 'oAuth2' },
			credentials: [await oauthCredential(sandbox())],
			items: [family.items[1]],
		});

		expect(result.error).toBeUndefined();
		expect(result.requests.map(({ path, headers }) => [path, headers.version])).toEqual([
			[family.path, '2021-07-28'],
		]);
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ success: true }), pairedItem: { item: 0 } },
		]);
	});
});
