import type { IDataObject } from 'n8n-workflow';

import type { StoredCredential } from '../harness/credentialsHelper';
import { runNode } from '../harness/runNode';
import {
	HOSTILE_ACCESS_TOKEN,
	HOSTILE_CLIENT_SECRET,
	HOSTILE_REFRESH_TOKEN,
	hostileOAuthCredential,
	hostileSecretsIn,
	useHostileServer,
	type HostileRequest,
} from '../support/hostileServer';

/**
 * An agency connection holds tokens n8n never sees: the sub-account tokens the transport gets
 * from `POST /oauth/locationToken`. A GHL that echoes them (or the agency's own secrets) in an
 * error must not get them into an item, an error or the stored run.
 */
const server = useHostileServer();

const SUB_ACCOUNT = 'locHostileSub00000B';
const SUB_ACCOUNT_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c3ViLWFjY291bnQ.c3ViLWFjY291bnQtc2lnbmF0dXJl';
const SUB_ACCOUNT_REFRESH = 'hostile-sub-account-refresh-0001';
const everySecret = (text: string) =>
	[...hostileSecretsIn(text), SUB_ACCOUNT_TOKEN, SUB_ACCOUNT_REFRESH].filter(
		(secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)),
	);

let credentials = 0;
function agencyCredential(id = `agency-hostile-${++credentials}`): StoredCredential {
	const credential = hostileOAuthCredential(server(), id);
	const data = credential.data as IDataObject;
	data.scope = 'contacts.readonly contacts.write oauth.readonly oauth.write';
	data.oauthTokenData = {
		...(data.oauthTokenData as IDataObject),
		scope: data.scope,
		userType: 'Company',
		companyId: 'cmpHostile0000000000',
		locationId: undefined,
	};
	return credential;
}

const locationToken = {
	body: {
		access_token: SUB_ACCOUNT_TOKEN,
		refresh_token: SUB_ACCOUNT_REFRESH,
		token_type: 'Bearer',
		expires_in: 86399,
		scope: 'contacts.readonly contacts.write',
		userType: 'Location',
		companyId: 'cmpHostile0000000000',
		locationId: SUB_ACCOUNT,
	},
};

async function getContactFor(
	continueOnFail: boolean,
	subAccount = SUB_ACCOUNT,
	credential = agencyCredential(),
) {
	return await runNode({
		type: 'ghlContacts',
		parameters: {
			authentication: 'oAuth2',
			subAccount: { __rl: true, mode: 'id', value: subAccount },
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'id', value: 'c1' },
		},
		credentials: [credential],
		continueOnFail,
	});
}

const paths = (log: HostileRequest[]) => log.map((request) => `${request.method} ${request.path}`);

describe('an agency connection’s tokens never leave the transport (n8n engine)', () => {
	it('a sub-account token and its refresh token echoed by a sub-account route are redacted', async () => {
		server().script((request) =>
			request.path === '/oauth/locationToken'
				? locationToken
				: {
						status: 400,
						body: {
							statusCode: 400,
							message: `token ${SUB_ACCOUNT_TOKEN} refresh ${SUB_ACCOUNT_REFRESH}; again ${encodeURIComponent(SUB_ACCOUNT_TOKEN)}`,
						},
					},
		);
		const kept = await getContactFor(true);
		expect(paths(server().log)).toEqual(['POST /oauth/locationToken', 'GET /contacts/c1']);
		// The sub-account's token was what went out: the redaction is of what came back.
		expect(server().log[1].headers.authorization).toBe(`Bearer ${SUB_ACCOUNT_TOKEN}`);
		expect(kept.items[0].json.error).toBe(
			'Get Contact failed: token <redacted> refresh <redacted>; again <redacted>',
		);
		const failed = await getContactFor(false);
		expect(failed.error?.message).toMatch(/^Get Contact failed: token <redacted>/);
		expect(everySecret(JSON.stringify(failed.error))).toEqual([]);
		expect(everySecret(JSON.stringify(failed.run.data))).toEqual([]);
	});

	it('a token exchange refused with the agency’s token and client secret echoed keeps both out', async () => {
		server().script(() => ({
			status: 400,
			body: {
				statusCode: 400,
				message: `no: ${HOSTILE_ACCESS_TOKEN} ${HOSTILE_REFRESH_TOKEN} ${HOSTILE_CLIENT_SECRET}`,
			},
		}));
		const kept = await getContactFor(true);
		expect(paths(server().log)).toEqual(['POST /oauth/locationToken']);
		expect(String(kept.items[0].json.error)).toContain('<redacted>');
		expect(everySecret(JSON.stringify(kept.items))).toEqual([]);
		const failed = await getContactFor(false);
		expect(everySecret(JSON.stringify(failed.error))).toEqual([]);
		expect(everySecret(JSON.stringify(failed.run.data))).toEqual([]);
	});

	it('one sub-account’s token echoed in another sub-account’s error is redacted too', async () => {
		const second = 'locHostileSub00000C';
		server().script((request) => {
			if (request.path === '/oauth/locationToken') {
				const locationId = new URLSearchParams(String(request.body)).get('locationId');
				return locationId === SUB_ACCOUNT
					? locationToken
					: { body: { ...locationToken.body, access_token: 'second-token', locationId: second } };
			}
			return request.headers.authorization === `Bearer ${SUB_ACCOUNT_TOKEN}`
				? { body: { contact: { id: 'c1' } } }
				: { status: 400, body: { statusCode: 400, message: `not ${SUB_ACCOUNT_TOKEN}` } };
		});
		// Two executions on one credential: the first sub-account's token is held by the second's.
		const credential = agencyCredential('agency-hostile-two-sub-accounts');
		const first = await getContactFor(false, SUB_ACCOUNT, credential);
		expect([first.error?.message, first.items.map((item) => item.json.id)]).toEqual([
			undefined,
			['c1'],
		]);
		const other = await getContactFor(true, second, credential);
		expect(paths(server().log)).toEqual([
			'POST /oauth/locationToken',
			'GET /contacts/c1',
			'POST /oauth/locationToken',
			'GET /contacts/c1',
		]);
		expect(other.items[0].json.error).toBe('Get Contact failed: not <redacted>');
	});
});
