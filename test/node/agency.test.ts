import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID } from '../../sandbox/identities';
import type { LoggedRequest } from '../../sandbox/types';
import { HarnessCredentialsHelper } from '../harness/credentialsHelper';
import { loadPackage } from '../harness/packageTypes';
import { runNode } from '../harness/runNode';
import {
	agencyCredential,
	clearLog,
	control,
	oauthCredential,
	requestLog,
	useSandbox,
} from '../support/ghl';

/**
 * One OAuth2 credential connected to the agency acts for every sub-account: each item names its
 * sub-account, the node exchanges the agency token for that sub-account's token once and signs
 * the item's requests with it.
 */
const sandbox = useSandbox();
const LOCATIONS = [MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID];

let credentials = 0;
async function agencyHelper(): Promise<HarnessCredentialsHelper> {
	const helper = new HarnessCredentialsHelper(await loadPackage());
	helper.add(await agencyCredential(sandbox(), `agency-${++credentials}`));
	return helper;
}

const createContactFor = {
	authentication: 'oAuth2',
	subAccount: { __rl: true, mode: 'id', value: '={{ $json.location }}' },
	resource: 'contact',
	operation: 'create',
	email: '={{ $json.email }}',
	additionalFields: {},
	customFields: {},
	requestOptions: {},
};

const listSubAccounts = (filters: INodeParameters = {}): INodeParameters => ({
	authentication: 'oAuth2',
	resource: 'subAccount',
	operation: 'getAll',
	returnAll: true,
	filters,
});
const unique = () => Math.random().toString(36).slice(2, 10);
const exchanges = (log: LoggedRequest[]) =>
	log.filter((entry) => entry.path === '/oauth/locationToken');
const contactWrites = (log: LoggedRequest[]) =>
	log.filter((entry) => entry.method === 'POST' && entry.path === '/contacts/');

describe('an agency connection', () => {
	it('acts for three sub-accounts in one execution: one token exchange per sub-account, each write in its own sub-account with its own token', async () => {
		const credentialsHelper = await agencyHelper();
		await clearLog(sandbox());
		const items = LOCATIONS.flatMap((location) =>
			[1, 2, 3].map((n) => ({ location, email: `agency.${n}.${unique()}@example.com` })),
		);

		const run = await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items,
			credentialsHelper,
		});

		expect(run.error?.message).toBeUndefined();
		expect(run.items.map((item) => item.json.locationId)).toEqual(
			items.map((item) => item.location),
		);
		expect(run.items.map((item) => item.pairedItem)).toEqual(
			items.map((_item, index) => ({ item: index })),
		);
		const log = await requestLog(sandbox());
		const exchanged = exchanges(log);
		expect(exchanged.map((entry) => entry.status)).toEqual([200, 200, 200]);
		expect(exchanged.map((entry) => (entry.body as IDataObject).locationId).sort()).toEqual(
			[...LOCATIONS].sort(),
		);
		// Form-encoded, with the agency's own token, as the spec declares.
		for (const entry of exchanged) {
			expect(String(entry.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
			expect(entry.tokenType).toBe('Company');
		}
		const writes = contactWrites(log);
		expect(writes).toHaveLength(9);
		for (const write of writes) {
			expect(write.status).toBe(201);
			expect(write.tokenType).toBe('Location');
			expect(write.tokenLocationId).toBe((write.body as IDataObject).locationId);
		}
		// No request went to a location route with the agency token.
		expect(log.filter((entry) => entry.tokenType === 'Company').map((entry) => entry.path)).toEqual(
			exchanged.map(() => '/oauth/locationToken'),
		);

		// The next execution in this process reuses the tokens it holds.
		await clearLog(sandbox());
		const again = await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items: LOCATIONS.map((location) => ({ location, email: `again.${unique()}@example.com` })),
			credentialsHelper,
		});
		expect(again.error?.message).toBeUndefined();
		const second = await requestLog(sandbox());
		expect(exchanges(second)).toHaveLength(0);
		expect(contactWrites(second).map((entry) => entry.tokenLocationId)).toEqual(
			expect.arrayContaining(LOCATIONS),
		);
	});

	it('paces each sub-account to its own budget: three sub-accounts at 5 requests per window each send 12 writes in the first window, none answered 429, one token exchange each', async () => {
		// Fresh windows: the earlier tests' requests count in the current ones.
		await control(sandbox(), 'POST', '/reset');
		await control(sandbox(), 'PUT', '/config', { rateLimit: { burst: 5, windowMs: 8_000 } });
		try {
			const credentialsHelper = await agencyHelper();
			await clearLog(sandbox());
			const items = LOCATIONS.flatMap((location) =>
				[1, 2, 3, 4].map((n) => ({ location, email: `paced.${n}.${unique()}@example.com` })),
			);
			const run = await runNode({
				type: 'ghlContacts',
				parameters: { ...createContactFor, requestOptions: { parallelRequests: 12 } },
				items,
				credentialsHelper,
			});
			expect(run.error?.message).toBeUndefined();
			const log = await requestLog(sandbox());
			// Twelve items at once, four per sub-account: still one exchange per sub-account.
			expect(exchanges(log)).toHaveLength(3);
			const writes = contactWrites(log);
			expect(writes.map((entry) => entry.status)).toEqual(writes.map(() => 201));
			expect(writes).toHaveLength(12);
			// One shared budget of 5 would hold 7 of the 12 writes to later windows (8 s each).
			const span =
				Math.max(...writes.map((entry) => entry.at)) - Math.min(...writes.map((entry) => entry.at));
			expect(span).toBeLessThan(8_000);
		} finally {
			await control(sandbox(), 'PUT', '/config', { rateLimit: { burst: 100, windowMs: 10_000 } });
		}
	});

	it('gets a new sub-account token when GHL refuses the one it holds (expired), and writes once', async () => {
		const credentialsHelper = await agencyHelper();
		const first = await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items: [{ location: OTHER_LOCATION_ID, email: `before.${unique()}@example.com` }],
			credentialsHelper,
		});
		expect(first.error?.message).toBeUndefined();
		await control(sandbox(), 'POST', '/expire-location-tokens', { locationId: OTHER_LOCATION_ID });
		await clearLog(sandbox());
		const email = `after.${unique()}@example.com`;

		const run = await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items: [{ location: OTHER_LOCATION_ID, email }],
			credentialsHelper,
		});

		expect(run.error?.message).toBeUndefined();
		const log = await requestLog(sandbox());
		expect(log.map((entry) => `${entry.path} ${entry.status}`)).toEqual([
			'/contacts/ 401',
			'/oauth/locationToken 200',
			'/contacts/ 201',
		]);
		expect(run.items[0].json.email).toBe(email);
	});

	it('fails only the items of a sub-account the app was removed from, saying so, and writes nothing there', async () => {
		const credentialsHelper = await agencyHelper();
		// A token held from before the removal, and one never obtained: both must fail.
		await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items: [{ location: THIRD_LOCATION_ID, email: `held.${unique()}@example.com` }],
			credentialsHelper,
		});
		await control(sandbox(), 'DELETE', `/installs/${THIRD_LOCATION_ID}`);
		try {
			await clearLog(sandbox());
			const items = [
				{ location: MAIN_LOCATION_ID, email: `kept.${unique()}@example.com` },
				{ location: THIRD_LOCATION_ID, email: `lost.${unique()}@example.com` },
			];
			const run = await runNode({
				type: 'ghlContacts',
				parameters: createContactFor,
				items,
				credentialsHelper,
				continueOnFail: true,
			});

			expect(run.items).toHaveLength(2);
			expect(run.items[0].json.locationId).toBe(MAIN_LOCATION_ID);
			expect(String(run.items[1].json.error)).toContain(THIRD_LOCATION_ID);
			const writes = contactWrites(await requestLog(sandbox()));
			expect(
				writes.filter((entry) => entry.status === 201).map((entry) => entry.tokenLocationId),
			).toEqual([MAIN_LOCATION_ID]);
		} finally {
			await control(sandbox(), 'POST', '/installs', { locationId: THIRD_LOCATION_ID });
		}
	});

	it('refuses an item without a sub-account, naming the field, before sending anything', async () => {
		const credentialsHelper = await agencyHelper();
		await clearLog(sandbox());
		const run = await runNode({
			type: 'ghlContacts',
			parameters: { ...createContactFor, subAccount: { __rl: true, mode: 'list', value: '' } },
			items: [{ email: `none.${unique()}@example.com` }],
			credentialsHelper,
		});
		expect(run.error?.message).toMatch(/^Sub-Account is empty/);
		expect(run.error?.description).toContain('agency connection');
		expect(await requestLog(sandbox())).toEqual([]);
	});

	it('refuses a Sub-Account other than the one a sub-account connection holds, before sending anything', async () => {
		const credentialsHelper = new HarnessCredentialsHelper(await loadPackage());
		credentialsHelper.add(await oauthCredential(sandbox()));
		await clearLog(sandbox());
		const run = await runNode({
			type: 'ghlContacts',
			parameters: createContactFor,
			items: [{ location: OTHER_LOCATION_ID, email: `wrong.${unique()}@example.com` }],
			credentialsHelper,
		});
		expect(run.error?.message).toContain(`Sub-Account ${OTHER_LOCATION_ID} is not the sub-account`);
		expect(await requestLog(sandbox())).toEqual([]);
	});

	it('keeps sub-account tokens out of the output, errors and the stored execution', async () => {
		const credentialsHelper = await agencyHelper();
		await control(sandbox(), 'POST', '/expire-location-tokens', {});
		const run = await runNode({
			type: 'ghlContacts',
			parameters: {
				...createContactFor,
				resource: 'contact',
				operation: 'get',
				contactId: { __rl: true, mode: 'id', value: 'nosuchcontact000000X' },
			},
			items: [{ location: MAIN_LOCATION_ID }],
			credentialsHelper,
			continueOnFail: true,
		});
		expect(run.items).toHaveLength(1);
		const stored = JSON.stringify(run.run);
		expect(stored).not.toMatch(/sbx-(at|lt|rt)-/);
	});

	it('lists the sub-accounts the app is installed in (Sub-Account → Get Many), and a sub-account connection is told it needs the agency', async () => {
		const credentialsHelper = await agencyHelper();
		const run = await runNode({
			type: 'ghlContacts',
			parameters: listSubAccounts(),
			credentialsHelper,
		});
		expect(run.error?.message).toBeUndefined();
		expect(run.items.map((item) => item.json._id).sort()).toEqual([...LOCATIONS].sort());

		const filtered = await runNode({
			type: 'ghlContacts',
			parameters: listSubAccounts({ query: 'third' }),
			credentialsHelper,
		});
		expect(filtered.items.map((item) => item.json._id)).toEqual([THIRD_LOCATION_ID]);

		const single = new HarnessCredentialsHelper(await loadPackage());
		single.add(await oauthCredential(sandbox()));
		await clearLog(sandbox());
		const refused = await runNode({
			type: 'ghlContacts',
			parameters: listSubAccounts(),
			credentialsHelper: single,
		});
		expect(refused.error?.message).toBe('Listing sub-accounts needs an agency connection');
		expect(await requestLog(sandbox())).toEqual([]);
	});
});
