import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GhlApi } from '../../credentials/GhlApi.credentials';
import { GhlOAuth2Api } from '../../credentials/GhlOAuth2Api.credentials';
import { testCredential } from '../harness/credentialTest';
import { HarnessCredentialsHelper } from '../harness/credentialsHelper';
import { loadPackage } from '../harness/packageTypes';
import { requireBuild } from '../package/builtPackage';

interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: unknown;
}

/** A stand-in API host that records every request and answers with the status a test sets. */
class RecordingHost {
	readonly received: ReceivedRequest[] = [];
	status = 200;
	private server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString();
			this.received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: raw ? JSON.parse(raw) : undefined,
			});
			res.writeHead(this.status, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify(
					this.status === 200
						? { contacts: [], total: 0 }
						: { statusCode: this.status, message: 'nope' },
				),
			);
		});
	});

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		// n8n's HTTP agent keeps connections alive; close() alone would wait for them.
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

describe('credential classes', () => {
	it('use the agreed names, distinct from n8n’s built-in HighLevel credentials', () => {
		const oauth = new GhlOAuth2Api();
		const pit = new GhlApi();
		expect([oauth.name, oauth.displayName]).toEqual(['ghlOAuth2Api', 'GHL OAuth2 API']);
		expect([pit.name, pit.displayName]).toEqual(['ghlApi', 'GHL API']);
		expect(oauth.extends).toEqual(['oAuth2Api']);
		expect('extends' in pit).toBe(false);
	});

	it('reference two different icon files in icons/', () => {
		for (const credential of [new GhlOAuth2Api(), new GhlApi()]) {
			expect(credential.icon).toEqual({
				light: 'file:../icons/ghl.svg',
				dark: 'file:../icons/ghl.dark.svg',
			});
		}
	});

	it('keep the PIT secret in a password field and ask for the location and the token’s scopes', () => {
		const fields = new Map(new GhlApi().properties.map((field) => [field.name, field]));
		expect(fields.get('token')).toMatchObject({ required: true, typeOptions: { password: true } });
		expect(fields.get('locationId')).toMatchObject({ required: true, type: 'string' });
		const scopes = fields.get('scopes');
		expect(scopes?.type).toBe('multiOptions');
		expect(scopes?.default).toEqual(['contacts.readonly', 'contacts.write']);
		expect(
			scopes?.options?.map((option) => ('value' in option ? option.value : undefined)),
		).toEqual([
			'contacts.readonly',
			'contacts.write',
			'locations/customFields.readonly',
			'locations/tags.readonly',
			'users.readonly',
			'workflows.readonly',
			'campaigns.readonly',
			'businesses.readonly',
			'locations/tasks.readonly',
		]);
	});

	it('describe every optional OAuth scope in the Scope field', () => {
		const scope = new GhlOAuth2Api().properties.find((field) => field.name === 'requestedScope');
		for (const extra of [
			'locations/customFields.readonly',
			'locations/tasks.readonly',
			'users.readonly',
		]) {
			expect(scope?.description).toContain(extra);
		}
	});
});

describe('resolved like n8n resolves stored credential data', () => {
	let helper: HarnessCredentialsHelper;

	beforeAll(async () => {
		requireBuild();
		helper = new HarnessCredentialsHelper(await loadPackage());
	});

	it('OAuth2, Standard: GHL’s marketplace, token endpoint and API, client credentials in the body', () => {
		expect(
			helper.resolve('ghlOAuth2Api', { clientId: 'id', clientSecret: 'secret' }),
		).toMatchObject({
			grantType: 'authorizationCode',
			authUrl: 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
			accessTokenUrl: 'https://services.leadconnectorhq.com/oauth/token',
			baseUrl: 'https://services.leadconnectorhq.com',
			scope: 'contacts.readonly contacts.write',
			authQueryParameters: '',
			authentication: 'body',
		});
	});

	it('OAuth2: the scope sent follows the Scope field, also where n8n (1.x) ignores a stored scope', () => {
		const requestedScope = 'contacts.readonly contacts.write oauth.readonly oauth.write';
		expect(helper.resolve('ghlOAuth2Api', { requestedScope })).toMatchObject({
			scope: requestedScope,
		});
	});

	it('OAuth2, White-Label: only the authorize page moves', () => {
		expect(helper.resolve('ghlOAuth2Api', { environment: 'whiteLabel' })).toMatchObject({
			authUrl: 'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation',
			accessTokenUrl: 'https://services.leadconnectorhq.com/oauth/token',
			baseUrl: 'https://services.leadconnectorhq.com',
		});
	});

	it('OAuth2, Custom Host: one typed host drives all three URLs, stray spaces and slashes dropped', () => {
		expect(
			helper.resolve('ghlOAuth2Api', {
				environment: 'custom',
				customHost: ' http://127.0.0.1:4010/ ',
			}),
		).toMatchObject({
			authUrl: 'http://127.0.0.1:4010/v2/oauth/chooselocation',
			accessTokenUrl: 'http://127.0.0.1:4010/oauth/token',
			baseUrl: 'http://127.0.0.1:4010',
		});
	});

	it('PIT: the default API base and the two contact scopes', () => {
		expect(helper.resolve('ghlApi', { token: 'pit-x', locationId: 'loc1' })).toEqual({
			token: 'pit-x',
			locationId: 'loc1',
			scopes: ['contacts.readonly', 'contacts.write'],
			baseUrl: 'https://services.leadconnectorhq.com',
		});
	});
});

describe('PIT credential test, run through n8n-core against a recording host', () => {
	const host = new RecordingHost();
	let baseUrl: string;

	beforeAll(async () => {
		requireBuild();
		baseUrl = await host.start();
	});
	afterAll(async () => await host.stop());
	beforeEach(() => {
		host.received.length = 0;
	});

	const credential = () => ({
		id: 'pit-1',
		name: 'GHL PIT',
		type: 'ghlApi',
		data: { token: 'pit-abc', locationId: 'locA', baseUrl },
	});

	it('searches one contact of the location with the bearer token and the Version header', async () => {
		host.status = 200;
		expect(await testCredential(credential())).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		expect(host.received).toHaveLength(1);
		const [request] = host.received;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/contacts/search');
		expect(request.headers.authorization).toBe('Bearer pit-abc');
		expect(request.headers.version).toBe('2021-07-28');
		expect(request.body).toEqual({ locationId: 'locA', pageLimit: 1 });
	});

	it('turns a 401 into a message about the token', async () => {
		host.status = 401;
		const result = await testCredential(credential());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the token \(401\)/);
	});

	it('turns a 403 into a message about the location', async () => {
		host.status = 403;
		const result = await testCredential(credential());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/check the Location ID/);
	});
});
