import { CREDENTIAL_IDS, DEMO_CONTACT_EMAIL } from './fixtures';
import { example } from './examples';
import { byId, chain, ghlNode } from './workflowBuilder';
import type { Credential, WorkflowJson } from './workflowBuilder';

/** Workflows the suite runs besides the examples, one per behaviour it proves. */

const pit: Credential = { type: 'ghlApi', id: CREDENTIAL_IDS.pit, name: 'GHL Sandbox (token)' };
const readOnly: Credential = {
	type: 'ghlApi',
	id: CREDENTIAL_IDS.readOnly,
	name: 'GHL Sandbox (read-only token)',
};
const readOnlyClaimingWrite: Credential = {
	type: 'ghlApi',
	id: CREDENTIAL_IDS.readOnlyClaimingWrite,
	name: 'GHL Sandbox (read-only token, write ticked)',
};

const findDemoContact = (credential: Credential) =>
	ghlNode(
		'Find Contact',
		{ resource: 'contact', operation: 'getAll', limit: 1, filters: { email: DEMO_CONTACT_EMAIL } },
		credential,
	);
const demoContactId = "={{ $('Find Contact').first().json.id }}";

export const WORKFLOW_IDS = {
	getManyAll: 'e2eGetManyAll001',
	taskLifecycle: 'e2eTaskDone00001',
	tags: 'e2eTagsAddRem001',
	readOnlyWrite: 'e2eReadOnlyWr001',
	readOnlyClaimingWrite: 'e2eReadOnlyWr002',
} as const;

export const E2E_TAGS = { kept: 'e2e-vip', removed: 'e2e-temporary' };

export const suiteWorkflows = [
	chain(WORKFLOW_IDS.getManyAll, 'e2e: every contact, across pages', [
		ghlNode('All Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }, pit),
	]),
	chain(WORKFLOW_IDS.taskLifecycle, 'e2e: create a task, then mark it completed', [
		findDemoContact(pit),
		ghlNode(
			'Create Task',
			{
				resource: 'task',
				operation: 'create',
				contactId: byId('={{ $json.id }}'),
				title: 'e2e: follow up',
				dueDate: '2030-01-15T09:30:00Z',
			},
			pit,
		),
		ghlNode(
			'Mark Completed',
			{
				resource: 'task',
				operation: 'markCompleted',
				contactId: byId(demoContactId),
				taskId: '={{ $json.id }}',
			},
			pit,
		),
	]),
	chain(WORKFLOW_IDS.tags, 'e2e: add two tags, remove one', [
		findDemoContact(pit),
		ghlNode(
			'Add Tags',
			{
				resource: 'tag',
				operation: 'add',
				contactId: byId('={{ $json.id }}'),
				tags: {
					values: [
						{ value: { __rl: true, mode: 'name', value: `${E2E_TAGS.kept}, ${E2E_TAGS.removed}` } },
					],
				},
			},
			pit,
		),
		ghlNode(
			'Remove Tags',
			{
				resource: 'tag',
				operation: 'remove',
				contactId: byId(demoContactId),
				tags: { values: [{ value: { __rl: true, mode: 'name', value: E2E_TAGS.removed } }] },
			},
			pit,
		),
	]),
	...[
		{ id: WORKFLOW_IDS.readOnlyWrite, credential: readOnly },
		{ id: WORKFLOW_IDS.readOnlyClaimingWrite, credential: readOnlyClaimingWrite },
	].map(({ id, credential }) =>
		chain(id, `e2e: a note written with ${credential.name}`, [
			findDemoContact(credential),
			ghlNode(
				'Create Note',
				{
					resource: 'note',
					operation: 'create',
					contactId: byId('={{ $json.id }}'),
					body: 'e2e: must not be written',
				},
				credential,
			),
		]),
	),
];

/** The pushed-contact example, as the webhook checks and the demo use it. */
export const WEBHOOK_EXAMPLE = {
	file: 'pushed-contact-onboarding-task.json',
	trigger: 'Contact Created',
	task: 'Onboarding Task',
} as const;

/**
 * The pushed-contact example trusting the sandbox's signing keys (known only at run time) instead
 * of HighLevel's published ones.
 */
export function webhookExampleForSandbox(keys: { ed25519: string; rsa: string }): WorkflowJson {
	const { workflow } = example(WEBHOOK_EXAMPLE.file);
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.name === WEBHOOK_EXAMPLE.trigger
				? {
						...node,
						parameters: {
							...node.parameters,
							options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
						},
					}
				: node,
		),
	};
}

/** Where n8n listens for the example's pushes. */
export function webhookExampleUrl(n8nUrl: string): string {
	const trigger = example(WEBHOOK_EXAMPLE.file).workflow.nodes.find(
		(node) => node.name === WEBHOOK_EXAMPLE.trigger,
	);
	return `${n8nUrl}/webhook/${trigger!.webhookId}/ghl`;
}

/** The field of a bulk request that lists its items: `{ items: [{ contactId, n }] }`. */
export interface BulkItem {
	contactId: string;
	n: number;
}

/**
 * A production-webhook workflow that writes one task per item it is sent: n8n's Webhook node
 * (answering at once), Split Out, then Create Task with Continue On Fail, so a failed item is
 * counted instead of stopping the run. In queue mode a webhook processor receives the request
 * and a worker runs it; `POST <n8n>/webhook/<path>` with `{ items }` starts it.
 */
export function bulkTaskWorkflow(id: string, credential: Credential): WorkflowJson {
	const path = `bulk-${id}`;
	const nodes: WorkflowJson['nodes'] = [
		{
			id: `${id}-in`,
			name: 'Bulk Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `${path}-hook`,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		},
		{
			id: `${id}-split`,
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.items', options: {} },
		},
		{
			id: `${id}-task`,
			typeVersion: 1,
			position: [440, 0],
			onError: 'continueRegularOutput',
			...ghlNode(
				BULK_TASK_NODE,
				{
					resource: 'task',
					operation: 'create',
					contactId: byId('={{ $json.contactId }}'),
					title: '=Bulk task {{ $json.n }}',
					dueDate: '2030-01-15T09:30:00Z',
				},
				credential,
			),
		},
	];
	const link = (node: string) => ({ main: [[{ node, type: 'main' as const, index: 0 }]] });
	return {
		id,
		name: `e2e: bulk tasks (${credential.name})`,
		nodes,
		connections: { 'Bulk Request': link('Items'), Items: link(BULK_TASK_NODE) },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

export const BULK_TASK_NODE = 'Create Task';

export const bulkWebhookPath = (workflowId: string) => `/webhook/bulk-${workflowId}`;
