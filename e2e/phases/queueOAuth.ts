import { oauthCredentialData } from '../fixtures';
import { assertEveryItemOnce, runAtOnce } from '../lib/bulkRuns';
import { assert } from '../lib/expect';
import type { SandboxClient } from '../lib/sandboxClient';
import type { Credential, WorkflowJson } from '../workflowBuilder';
import { bulkTaskWorkflow, bulkWebhookPath } from '../workflows';
import type { QueueContext } from './queue';

const OAUTH: Credential = {
	type: 'ghlOAuth2Api',
	id: 'e2eQueueOAuth001',
	name: 'GHL Sandbox (OAuth2)',
};
const WORKFLOW_ID = 'e2eQueueBulkOAut';
const ITEMS = 20;

/** The OAuth2 credential (connected once n8n runs) and a bulk workflow on it. */
export function oauthFixtures(client: SandboxClient): {
	credentials: object[];
	workflows: WorkflowJson[];
} {
	return {
		credentials: [{ ...OAUTH, data: oauthCredentialData(client) }],
		workflows: [bulkTaskWorkflow(WORKFLOW_ID, OAUTH)],
	};
}

/**
 * GHL's refresh tokens work once. Two workers that both meet the expired access token of one
 * credential must not both spend the stored refresh token: one refresh, both runs succeed, and
 * the credential keeps working.
 */
export async function queueOAuth(context: QueueContext): Promise<void> {
	const { report, cluster, rest, client } = context;
	await report.must(
		"the OAuth2 credential connects through n8n's Connect flow on main",
		async () => {
			const { callbackPage } = await rest.connectOAuth2(OAUTH.id);
			assert.match(callbackPage, /success/i);
		},
	);
	await report.must('the OAuth2 bulk workflow activates on both webhook processors', async () => {
		await rest.activate(WORKFLOW_ID);
		await cluster.webhookKnownEverywhere(bulkWebhookPath(WORKFLOW_ID));
	});
	const contactId = (
		await client.control<{ contact: { id: string } }>('POST', '/contacts', {
			locationId: client.sandbox.mainLocationId,
			firstName: 'OAuth',
			lastName: 'Queue',
		})
	).contact.id;
	const accessToken = async () =>
		((await cluster.main.exportCredential(OAUTH.id)).oauthTokenData as { access_token: string })
			.access_token;
	const runs = [0, 1].map(() => ({ workflowId: WORKFLOW_ID, contactId }));

	await report.check(
		'the access token expires while two workers run executions on the credential: one refresh, every item written once, nobody ends with invalid_grant',
		async () => {
			const before = await accessToken();
			await client.control('POST', `/tokens/${encodeURIComponent(before)}/expire`);
			// A slow token endpoint: the second worker meets the expired token while the first one's
			// refresh is still on its way, so both try to refresh.
			await client.control('PUT', '/config', { latency: { tokenMs: 1500 } });
			const measured = await runAtOnce(context, runs, ITEMS).finally(() =>
				client.control('PUT', '/config', { latency: { tokenMs: 0 } }),
			);
			const log = await client.requests();
			const refreshes = log.filter((r) => r.path === '/oauth/token');
			const expiredAnswers = log.filter((r) => r.status === 401).length;
			console.log(
				`      token requests: ${refreshes.map((r) => r.status).join(', ') || 'none'}; ` +
					`401 answers: ${expiredAnswers}; workers ${measured.executions.map((e) => e.worker).join(', ')}`,
			);
			assertEveryItemOnce(measured, runs, ITEMS);
			assert.deepEqual(
				measured.executions.map((e) => e.worker).sort(),
				[0, 1],
				'the two executions did not run on the two workers',
			);
			assert.equal(
				refreshes.filter((r) => r.status === 200).length,
				1,
				'not exactly one refresh succeeded',
			);
			assert.notEqual(await accessToken(), before, 'the new access token was not stored');
		},
	);

	await report.check('afterwards the credential keeps working, with no new refresh', async () => {
		const [run] = runs;
		const measured = await runAtOnce(context, [run], ITEMS);
		assertEveryItemOnce(measured, [run], ITEMS);
		const refreshes = (await client.requests()).filter((r) => r.path === '/oauth/token');
		assert.equal(refreshes.length, 0, `token requests: ${refreshes.length}`);
	});
}
