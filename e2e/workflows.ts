import { CREDENTIAL_IDS, DEMO_CONTACT_EMAIL } from './fixtures';
import { byId, chain, GHL_WEBHOOK_TRIGGER_TYPE, ghlNode } from './workflowBuilder';
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

export const WEBHOOK_TRIGGER = {
	workflowId: 'e2eWebhookTrig01',
	node: 'Contact Created',
	webhookId: '6b1d8f0e-2c4a-4e7b-9a51-0e2e0c0ffee1',
} as const;

/**
 * The GHL Webhook Trigger on ContactCreate, trusting the sandbox's signing keys (known only at
 * run time) and reading the full contact with the token credential.
 */
export function webhookTriggerWorkflow(keys: { ed25519: string; rsa: string }): WorkflowJson {
	const { workflowId, node, webhookId } = WEBHOOK_TRIGGER;
	const trigger = ghlNode(
		node,
		{
			events: ['ContactCreate'],
			verification: 'signature',
			fetchContact: true,
			options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
		},
		pit,
	);
	return {
		id: workflowId,
		name: 'e2e: a contact created in GHL, pushed to a webhook',
		nodes: [
			{
				...trigger,
				type: GHL_WEBHOOK_TRIGGER_TYPE,
				id: `${workflowId}-0`,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}
