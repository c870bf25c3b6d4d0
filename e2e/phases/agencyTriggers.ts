import { LOCATION_TOKEN_PREFIX } from '../../sandbox/agency';
import { MAIN_LOCATION_ID, OTHER_LOCATION_ID } from '../../sandbox/identities';
import type { LoggedRequest } from '../../sandbox/types';
import { assert } from '../lib/expect';
import { nodeItems, storedRun, type N8n } from '../lib/n8n';
import type { Report } from '../lib/report';
import { waitFor, type N8nRest } from '../lib/rest';
import type { SandboxClient } from '../lib/sandboxClient';
import type { Credential } from '../workflowBuilder';
import { AGENCY_WORKFLOW_ID } from './agency';

const PACKAGE = 'n8n-nodes-ghl-contacts';
const POLLING = 'New Contact in Sandbox Other';
const PUSHED = 'Any Sub-Account';
const HOOK_ID = 'e2e0a9e1-agency-4b7c-9d2e-000000000001';
/** A sub-account the app is installed in during the checks, then removed from. */
const NEWCOMER_LOCATION_ID = 'locSbxNewcomer00000E';

const contactSearches = (requests: LoggedRequest[]) =>
	requests.filter((r) => r.path === '/contacts/search');

/** The two trigger workflows, on the agency credential. */
async function createWorkflows(
	rest: N8nRest,
	credential: Credential,
	keys: { ed25519: string; rsa: string },
) {
	const credentials = { ghlOAuth2Api: { id: credential.id, name: credential.name } };
	const polling = await rest.createWorkflow({
		name: 'agency: polling trigger for one sub-account',
		nodes: [
			{
				id: 'agency-poll',
				name: POLLING,
				type: `${PACKAGE}.ghlContactsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					authentication: 'oAuth2',
					subAccount: { __rl: true, mode: 'id', value: OTHER_LOCATION_ID },
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: ['newContact'],
				},
				credentials,
			},
		],
	});
	const pushed = await rest.createWorkflow({
		name: 'agency: webhook trigger for every sub-account',
		nodes: [
			{
				id: 'agency-hook',
				name: PUSHED,
				type: `${PACKAGE}.ghlWebhookTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: HOOK_ID,
				parameters: {
					events: ['ContactCreate', 'INSTALL', 'UNINSTALL'],
					fetchContact: true,
					authentication: 'oAuth2',
					options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
				},
				credentials,
			},
		],
	});
	return { polling, pushed };
}

/**
 * The triggers on one agency connection in a started n8n: the polling trigger watches the
 * sub-account it names, with that sub-account's token, and the webhook trigger at the app's one
 * URL runs the events of every sub-account (naming each) and the app's installs and removals.
 * The polling trigger's minute runs while the webhook checks do.
 */
export async function agencyTriggers(
	report: Report,
	rest: N8nRest,
	n8n: N8n,
	client: SandboxClient,
	credential: Credential,
): Promise<void> {
	const keys = await client.control<{ ed25519: string; rsa: string }>('GET', '/keys');
	const workflows = await createWorkflows(rest, credential, keys);
	const items = async (workflowId: string, node: string, count: number) => {
		const finished = await waitFor(
			`${count} execution(s) of ${node}`,
			async () => {
				const runs = (await rest.executions(workflowId)).filter(
					(e) => e.status !== 'running' && e.status !== 'new',
				);
				return runs.length >= count ? runs : undefined;
			},
			90_000,
		);
		const stored = await Promise.all(finished.map((e) => rest.execution(e.id)));
		return stored.flatMap((e) => nodeItems(storedRun(n8n.host, e.data), node));
	};

	await client.clearLog();
	await report.must('an agency polling trigger and an agency webhook trigger activate', () =>
		Promise.all([rest.activate(workflows.polling), rest.activate(workflows.pushed)]),
	);
	await report.check(
		"the polling trigger's first poll reads only its sub-account, with that sub-account's token",
		async () => {
			const searches = await waitFor('the first poll', async () => {
				const found = contactSearches(await client.requests());
				return found.length > 0 ? found : undefined;
			});
			// The poll has its answer once its search is logged; a run it started would show now.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			for (const search of searches) {
				assert.equal((search.body as { locationId: string }).locationId, OTHER_LOCATION_ID);
				assert.equal(search.tokenLocationId, OTHER_LOCATION_ID);
			}
			assert.deepEqual(await rest.executions(workflows.polling), []);
		},
	);

	const subscription = await client.control<{ id: string }>('POST', '/webhooks', {
		url: `${n8n.url}/webhook/${HOOK_ID}/ghl`,
		events: ['ContactCreate', 'INSTALL', 'UNINSTALL'],
	});
	try {
		const created: Record<string, string> = {};
		for (const locationId of [MAIN_LOCATION_ID, OTHER_LOCATION_ID]) {
			const { contact } = await client.control<{ contact: { id: string } }>('POST', '/contacts', {
				locationId,
				firstName: 'Agency',
				email: `agency.${locationId.toLowerCase()}@example.com`,
			});
			created[locationId] = contact.id;
		}
		await report.check(
			'the agency webhook trigger runs each sub-account’s new contact once, naming the sub-account, the contact read with its token',
			async () => {
				const runs = await items(workflows.pushed, PUSHED, 2);
				const seen = runs.map((item) => [
					item.locationId,
					(item.contact as { id?: string } | undefined)?.id,
					item.contactError,
				]);
				assert.deepEqual(
					seen.sort(),
					[
						[MAIN_LOCATION_ID, created[MAIN_LOCATION_ID], undefined],
						[OTHER_LOCATION_ID, created[OTHER_LOCATION_ID], undefined],
					].sort(),
				);
				const reads = (await client.requests()).filter((r) => r.operationId === 'get-contact');
				assert.deepEqual(
					reads.map((r) => [r.path, r.tokenLocationId]).sort(),
					Object.entries(created)
						.map(([locationId, id]) => [`/contacts/${id}`, locationId])
						.sort(),
				);
			},
		);
		await report.check(
			'installing the app in a sub-account and removing it run the webhook trigger once each',
			async () => {
				await client.control('POST', '/installs', { locationId: NEWCOMER_LOCATION_ID });
				await items(workflows.pushed, PUSHED, 3);
				await client.control('DELETE', `/installs/${NEWCOMER_LOCATION_ID}`);
				const runs = await items(workflows.pushed, PUSHED, 4);
				const app = runs.filter((item) => item.event === 'INSTALL' || item.event === 'UNINSTALL');
				assert.deepEqual(
					app.map((item) => [item.event, item.locationId, item.contactError]).sort(),
					[
						['INSTALL', NEWCOMER_LOCATION_ID, undefined],
						['UNINSTALL', NEWCOMER_LOCATION_ID, undefined],
					],
				);
			},
		);
		await report.check(
			"the polling trigger's next poll (within a minute) passes on its sub-account's new contact, not the other's",
			async () => {
				const passed = await items(workflows.polling, POLLING, 1);
				assert.deepEqual(
					passed.map((item) => item.id),
					[created[OTHER_LOCATION_ID]],
				);
				for (const search of contactSearches(await client.requests())) {
					assert.equal(search.tokenLocationId, OTHER_LOCATION_ID);
				}
			},
		);
		await report.check(
			'no sub-account token is in a stored execution, a workflow’s static data, the credential or n8n’s log',
			async () => {
				const workflowIds = [AGENCY_WORKFLOW_ID, workflows.polling, workflows.pushed];
				const stored: string[] = [
					n8n.log,
					JSON.stringify(await n8n.exportCredential(credential.id)),
				];
				for (const workflowId of workflowIds) {
					const workflow = await rest.request('GET', `/rest/workflows/${workflowId}`);
					stored.push(JSON.stringify(workflow));
					for (const execution of await rest.executions(workflowId)) {
						stored.push((await rest.execution(execution.id)).data);
					}
				}
				const issued = (await client.requests()).filter(
					(r) => r.path === '/oauth/locationToken' && r.status === 200,
				);
				assert.ok(issued.length > 0, 'the triggers got no sub-account token');
				const leaks = stored.filter((text) => text.includes(`${LOCATION_TOKEN_PREFIX}-`));
				assert.deepEqual(
					leaks.map((text) => text.slice(0, 200)),
					[],
					'sub-account tokens outside memory',
				);
			},
		);
	} finally {
		await client.control('DELETE', `/webhooks/${subscription.id}`);
		await Promise.all([rest.deactivate(workflows.polling), rest.deactivate(workflows.pushed)]);
	}
}
