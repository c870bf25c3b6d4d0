import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { testCredential } from '../harness/credentialTest';
import type { StoredCredential } from '../harness/credentialsHelper';
import { runNode } from '../harness/runNode';
import {
	HOSTILE_ACCESS_TOKEN,
	HOSTILE_CLIENT_SECRET,
	HOSTILE_LOCATION,
	HOSTILE_REFRESH_TOKEN,
	HOSTILE_TOKEN,
	hostileCredential,
	hostileOAuthCredential,
	hostileSecretsIn,
	useHostileServer,
	type HostileServer,
} from '../support/hostileServer';

/** The transport inside n8n's engine against a server that answers as a broken or malicious GHL would. */
const server = useHostileServer();
/** Another origin (another port) a redirect may point at: nothing may ever reach it. */
const elsewhere = useHostileServer();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
let credentials = 0;

/** Runs one operation with a credential of its own (its own rate-limit budget in the pacer). */
async function run(
	parameters: INodeParameters,
	options: {
		items?: IDataObject[];
		continueOnFail?: boolean;
		credential?: StoredCredential;
	} = {},
) {
	const { credential, ...rest } = options;
	return await runNode({
		type: 'ghlContacts',
		parameters,
		credentials: [credential ?? hostileCredential(server(), `pit-hostile-${++credentials}`)],
		...rest,
	});
}

const getContact = { resource: 'contact', operation: 'get', contactId: byId('c1') };
const oauthGetContact = { ...getContact, authentication: 'oAuth2' };
const createNote = { resource: 'note', operation: 'create', contactId: byId('c1'), body: 'Hello' };

const ghlRequests = (s: HostileServer = server()) => s.log;

describe('waits have a ceiling (n8n engine)', () => {
	it('a 429 with Retry-After of an hour fails the item at once; Continue On Fail keeps it', async () => {
		server().script(() => ({
			status: 429,
			headers: { 'retry-after': '3600' },
			body: { statusCode: 429, message: 'Too Many Requests' },
		}));
		const result = await run(getContact, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: {
					error:
						"Get Contact failed: GHL's rate-limit headers ask to wait 3601 s before sending it again, longer than the node waits (60 s)",
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(ghlRequests()).toHaveLength(1);
	});
});

describe('every attempt has a deadline for the whole answer (n8n engine)', () => {
	it('a create whose answer trickles in a byte every 2 s fails at the deadline and is sent once', async () => {
		// Headers at once, then 25 bytes 2 s apart: the idle timer never fires, the answer would end after 50 s.
		server().script(() => ({
			status: 201,
			raw: JSON.stringify({ note: { id: 'n1', body: 'Hello' } }),
			headers: { 'content-type': 'application/json' },
			trickle: { everyMs: 2_000, bytes: 25 },
		}));
		const result = await run(createNote, { continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: { error: 'Create Note failed: GHL did not send its whole answer in time' },
				pairedItem: { item: 0 },
			},
		]);
		expect(ghlRequests()).toHaveLength(1);
	}, 45_000);
});

describe('a redirect is never followed (n8n engine)', () => {
	it.each([301, 302, 307, 308])(
		'%s to another origin: the write goes nowhere else, the item fails naming the target',
		async (status) => {
			const target = `${elsewhere().url}/contacts/c1/notes`;
			server().script(() => ({ status, headers: { location: target } }));
			elsewhere().script(() => ({ status: 201, body: { note: { id: 'stolen' } } }));
			const result = await run(createNote, { continueOnFail: true });
			expect(result.items).toEqual([
				{
					json: {
						error: `Create Note failed: GHL answered ${status}, a redirect to ${target}, which the node does not follow (it sends the credential to the API Base URL only)`,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(ghlRequests()).toHaveLength(1);
			expect(elsewhere().log).toEqual([]);
		},
	);

	it('a same-origin redirect is not followed either: the item fails, nothing is sent twice', async () => {
		server().script(() => ({ status: 302, headers: { location: '/v2/contacts/c1' } }));
		const result = await run(getContact, { continueOnFail: true });
		expect(result.items[0].json.error).toBe(
			`Get Contact failed: GHL answered 302, a redirect to ${server().url}/v2/contacts/c1, which the node does not follow (it sends the credential to the API Base URL only)`,
		);
		expect(ghlRequests().map((r) => r.path)).toEqual(['/contacts/c1']);
	});

	it('the credential test does not follow a redirect to another origin with the token', async () => {
		server().script(() => ({
			status: 302,
			headers: { location: `${elsewhere().url}/contacts/search` },
		}));
		elsewhere().script(() => ({ status: 200, body: { contacts: [], total: 0 } }));
		const result = await testCredential(hostileCredential(server(), 'pit-credential-test'));
		expect(result).toEqual({
			status: 'Error',
			message:
				'GHL answered 302, a redirect, which the test does not follow (the token is sent to the API Base URL only): check the API Base URL',
		});
		expect(ghlRequests()).toHaveLength(1);
		expect(elsewhere().log).toEqual([]);
	});
});

const oauthCredential = () => hostileOAuthCredential(server(), `oauth-hostile-${++credentials}`);

describe("the credential's secrets never leave the transport (n8n engine)", () => {
	it('a PIT echoed bare and URL-encoded is in no item, error message or description', async () => {
		server().script(() => ({
			status: 400,
			body: {
				statusCode: 400,
				message: `Bad header Bearer%20${HOSTILE_TOKEN}; again ${encodeURIComponent(`Bearer ${HOSTILE_TOKEN}`)}`,
			},
		}));
		const kept = await run(getContact, { continueOnFail: true });
		expect(kept.items[0].json.error).toMatch(/^Get Contact failed: Bad header /);
		expect(hostileSecretsIn(JSON.stringify(kept.items))).toEqual([]);
		const failed = await run(getContact);
		expect(failed.error?.message).toMatch(/^Get Contact failed: Bad header /);
		expect(hostileSecretsIn(JSON.stringify(failed.error))).toEqual([]);
		expect(hostileSecretsIn(JSON.stringify(failed.run.data))).toEqual([]);
	});

	it('a bare OAuth access token, refresh token and client secret echoed back are redacted', async () => {
		server().script(() => ({
			status: 422,
			body: {
				statusCode: 422,
				message: [
					`token ${HOSTILE_ACCESS_TOKEN} is odd`,
					`refresh ${HOSTILE_REFRESH_TOKEN}`,
					`secret ${HOSTILE_CLIENT_SECRET}`,
				],
			},
		}));
		const kept = await run(oauthGetContact, {
			continueOnFail: true,
			credential: oauthCredential(),
		});
		expect(kept.items[0].json.error).toBe(
			'Get Contact failed: token <redacted> is odd; refresh <redacted>; secret <redacted>',
		);
		// The request did carry the token: the redaction is of what came back, not of what was sent.
		expect(ghlRequests()[0].headers.authorization).toBe(`Bearer ${HOSTILE_ACCESS_TOKEN}`);
		const failed = await run(oauthGetContact, { credential: oauthCredential() });
		expect(hostileSecretsIn(JSON.stringify(failed.error))).toEqual([]);
		expect(hostileSecretsIn(JSON.stringify(failed.run.data))).toEqual([]);
	});

	it('the tokens n8n got from a refresh during the run are redacted too', async () => {
		const renewed = 'eyJhbGciOiJIUzI1NiJ9.cmVuZXdlZA.bmV3LXNpZ25hdHVyZS0wMDAx';
		const renewedRefresh = 'hostile-refresh-token-0000-0002';
		server().script((request) => {
			if (request.path === '/oauth/token') {
				return {
					body: {
						access_token: renewed,
						refresh_token: renewedRefresh,
						token_type: 'Bearer',
						expires_in: 86399,
						scope: 'contacts.readonly contacts.write',
						locationId: HOSTILE_LOCATION,
					},
				};
			}
			if (request.headers.authorization === `Bearer ${HOSTILE_ACCESS_TOKEN}`) {
				return { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } };
			}
			return {
				status: 400,
				body: { statusCode: 400, message: `now ${renewed} and ${renewedRefresh}` },
			};
		});
		const kept = await run(oauthGetContact, {
			continueOnFail: true,
			credential: oauthCredential(),
		});
		// A 401, the same request again so that n8n refreshes, the refresh, the resend.
		expect(ghlRequests().map((r) => r.path)).toEqual([
			'/contacts/c1',
			'/contacts/c1',
			'/oauth/token',
			'/contacts/c1',
		]);
		expect(kept.items[0].json.error).toBe('Get Contact failed: now <redacted> and <redacted>');
	});
});
