import type { IDataObject } from 'n8n-workflow';

import {
	clearLog,
	control,
	oauthCredential,
	pitCredential,
	requestLog,
	useSandbox,
} from '../support/ghl';
import { testCredential } from './credentialTest';
import { runNode } from './runNode';

/**
 * The harness itself: the built package runs inside n8n-core's engine, credentials are applied
 * the way n8n applies them (the PIT's generic authenticate, the OAuth2 signer and refresh), and
 * requests reach the sandbox over loopback.
 */
const sandbox = useSandbox();

async function firstContactId(): Promise<string> {
	const { contact } = await control<{ contact: { id: string } }>(sandbox(), 'POST', '/contacts', {
		firstName: 'Harness',
		lastName: 'Probe',
		email: 'harness.probe@example.com',
	});
	return contact.id;
}

describe('credential test, run as n8n runs it', () => {
	beforeEach(async () => clearLog(sandbox()));

	it('passes for a valid Private Integration Token and calls a cheap contacts endpoint', async () => {
		const result = await testCredential(pitCredential(sandbox()));
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		const log = await requestLog(sandbox());
		expect(log).toHaveLength(1);
		expect(log[0]).toMatchObject({
			method: 'POST',
			path: '/contacts/search',
			status: 200,
			body: { locationId: sandbox().mainLocationId, pageLimit: 1 },
		});
		expect(log[0].headers.version).toBe('2021-07-28');
		expect(String(log[0].headers.authorization)).not.toContain(sandbox().tokens.readWrite);
	});

	it('fails with a readable message for a wrong token', async () => {
		const result = await testCredential(
			pitCredential(sandbox(), 'readWrite', { token: 'pit-not-a-real-token' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/GHL rejected the token \(401\)/);
	});

	it('fails with a readable message for another location', async () => {
		const result = await testCredential(
			pitCredential(sandbox(), 'readWrite', { locationId: sandbox().otherLocationId }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/\(403\).*Location ID/);
	});
});

describe('a first real request through the engine', () => {
	beforeEach(async () => clearLog(sandbox()));

	it('gets a contact with a Private Integration Token', async () => {
		const contactId = await firstContactId();
		const { items, error } = await runNode({
			type: 'ghlContacts',
			parameters: {
				authentication: 'privateIntegrationToken',
				resource: 'contact',
				operation: 'get',
				contactId: { __rl: true, mode: 'id', value: contactId },
				simple: false,
			},
			credentials: [pitCredential(sandbox())],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json.id).toBe(contactId);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const log = await requestLog(sandbox());
		expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
			`GET /contacts/${contactId} 200`,
		]);
	});

	it('gets a contact with OAuth2, refreshes an expired token and stores each rotated refresh token', async () => {
		const contactId = await firstContactId();
		const credential = await oauthCredential(sandbox());
		const firstTokens = credential.data.oauthTokenData as IDataObject;
		const parameters = {
			authentication: 'oAuth2',
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: contactId },
		};

		const first = await runNode({ type: 'ghlContacts', parameters, credentials: [credential] });
		expect(first.error).toBeUndefined();
		expect(first.items[0].json.id).toBe(contactId);

		// The access token expires; n8n must refresh it (GHL refresh tokens are single-use) ...
		await control(sandbox(), 'POST', `/tokens/${String(firstTokens.access_token)}/expire`);
		const second = await runNode({
			type: 'ghlContacts',
			parameters,
			credentialsHelper: first.credentialsHelper,
		});
		expect(second.error).toBeUndefined();
		expect(second.items[0].json.id).toBe(contactId);
		const updates = first.credentialsHelper.tokenUpdates;
		expect(updates).toHaveLength(1);
		expect(updates[0].refresh_token).toBeDefined();
		expect(updates[0].refresh_token).not.toBe(firstTokens.refresh_token);

		// ... and the rotated refresh token, stored by the helper, must work for the next refresh.
		await control(sandbox(), 'POST', `/tokens/${String(updates[0].access_token)}/expire`);
		const third = await runNode({
			type: 'ghlContacts',
			parameters,
			credentialsHelper: first.credentialsHelper,
		});
		expect(third.error).toBeUndefined();
		expect(updates).toHaveLength(2);
		expect(updates[1].refresh_token).not.toBe(updates[0].refresh_token);

		const log = await requestLog(sandbox());
		const refreshes = log.filter((entry) => entry.path === '/oauth/token');
		expect(refreshes.map((entry) => (entry.body as IDataObject).grant_type)).toEqual([
			'authorization_code',
			'refresh_token',
			'refresh_token',
		]);
		expect(refreshes.every((entry) => entry.status === 200)).toBe(true);
	});
});
