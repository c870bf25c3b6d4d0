import { LOCATION_TOKEN_PREFIX } from '../../sandbox/agency';
import { MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID } from '../../sandbox/identities';
import type { LoggedRequest } from '../../sandbox/types';
import { example } from '../examples';
import { oauthCredentialData } from '../fixtures';
import { assert, assertSucceeded } from '../lib/expect';
import type { N8n } from '../lib/n8n';
import type { Report } from '../lib/report';
import type { N8nRest } from '../lib/rest';
import type { SandboxClient } from '../lib/sandboxClient';
import { withCredential, type Credential } from '../workflowBuilder';

export const AGENCY_WORKFLOW_ID = 'e2eAgencyTagged1';
const LOCATIONS = [MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID];

interface AgencyTokens {
	userType?: string;
	companyId?: string;
	locationId?: string;
	approvedLocations?: string[];
}

/**
 * An agency connects once, through n8n's own Connect flow with the agency chosen on the consent
 * screen, and the agency example then runs across its sub-accounts: every request to a location
 * route carries that sub-account's own token, obtained once per sub-account. Returns the
 * credential, for the triggers' checks.
 */
export async function agencyConnection(
	report: Report,
	rest: N8nRest,
	n8n: N8n,
	client: SandboxClient,
): Promise<Credential> {
	const data = oauthCredentialData(client);
	const credentialId = await report.must('an agency OAuth2 credential is created over REST', () =>
		rest.createCredential('GHL Sandbox (agency)', 'ghlOAuth2Api', {
			...data,
			requestedScope: `${String(data.requestedScope)} oauth.readonly oauth.write`,
		}),
	);
	await client.control('PUT', '/config', { autoApproveAs: 'company' });
	try {
		await report.must(
			"n8n's Connect flow, the agency chosen, stores the agency's token",
			async () => {
				const { callbackPage } = await rest.connectOAuth2(credentialId);
				assert.match(callbackPage, /success/i);
				const tokens = (await n8n.exportCredential(credentialId)).oauthTokenData as AgencyTokens;
				assert.equal(tokens.userType, 'Company');
				assert.equal(tokens.locationId, undefined);
				assert.deepEqual([...(tokens.approvedLocations ?? [])].sort(), [...LOCATIONS].sort());
			},
		);
	} finally {
		await client.control('PUT', '/config', { autoApproveAs: 'location' });
	}

	const tagged: Record<string, string> = {};
	for (const locationId of [MAIN_LOCATION_ID, OTHER_LOCATION_ID]) {
		const { contact } = await client.control<{ contact: { id: string } }>('POST', '/contacts', {
			locationId,
			firstName: 'Vip',
			email: `vip.${locationId.toLowerCase()}@example.com`,
			tags: ['needs-follow-up'],
		});
		tagged[contact.id] = locationId;
	}
	const credential: Credential = {
		type: 'ghlOAuth2Api',
		id: credentialId,
		name: 'GHL Sandbox (agency)',
	};
	await n8n.importWorkflows([
		withCredential(
			example('agency-tagged-contacts-task.json').workflow,
			AGENCY_WORKFLOW_ID,
			credential,
		),
	]);
	await client.clearLog();
	const execution = await n8n.execute(AGENCY_WORKFLOW_ID);
	const requests = await client.requests();
	await report.check(
		'example agency-tagged-contacts-task: one task per tagged contact, each in its own sub-account',
		() => {
			assertSucceeded(execution);
			const tasks = requests.filter((r) => r.method === 'POST' && /\/tasks$/.test(r.path));
			const written = Object.fromEntries(
				tasks.map((r) => [r.path.split('/')[2], r.tokenLocationId]),
			);
			assert.deepEqual(written, tagged);
			assert.deepEqual(
				tasks.map((r) => r.status),
				tasks.map(() => 201),
			);
		},
	);
	await report.check(
		'agency example: one token exchange per sub-account, the agency token on no location route, no sub-account token in the CLI output',
		() => {
			const output = execution.stdout + execution.stderr;
			assert.ok(!output.includes(`${LOCATION_TOKEN_PREFIX}-`), 'a sub-account token was printed');
			const exchanges = requests.filter((r: LoggedRequest) => r.path === '/oauth/locationToken');
			assert.deepEqual(
				exchanges.map((r) => (r.body as { locationId: string }).locationId).sort(),
				[...LOCATIONS].sort(),
			);
			const byAgency = requests.filter((r) => r.tokenType === 'Company').map((r) => r.path);
			assert.deepEqual([...new Set(byAgency)].sort(), [
				'/oauth/installedLocations',
				'/oauth/locationToken',
			]);
			for (const search of requests.filter((r) => r.path === '/contacts/search')) {
				assert.equal(search.tokenLocationId, (search.body as { locationId: string }).locationId);
			}
		},
	);
	return credential;
}
