/** Small builders for the suite's own workflows (the user-facing ones are JSON in examples/). */

export const GHL_NODE_TYPE = 'n8n-nodes-ghl-contacts.ghlContacts';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** A webhook node's fixed id: its production URL is `<n8n>/webhook/<webhookId>/<path>`. */
	webhookId?: string;
	/** Continue On Fail: a failed item comes out holding its error, and the run goes on. */
	onError?: 'continueRegularOutput';
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	settings: Record<string, unknown>;
	active: boolean;
	pinData: Record<string, unknown>;
}

export type Credential = { type: 'ghlApi' | 'ghlOAuth2Api'; id: string; name: string };

export function ghlNode(name: string, parameters: Record<string, unknown>, credential: Credential) {
	return {
		name,
		type: GHL_NODE_TYPE,
		parameters: {
			...parameters,
			authentication: credential.type === 'ghlApi' ? 'privateIntegrationToken' : 'oAuth2',
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A manual trigger followed by `steps`, each fed by the one before. */
export function chain(
	id: string,
	name: string,
	steps: Array<Omit<WorkflowNode, 'id' | 'typeVersion' | 'position'> & { typeVersion?: number }>,
): WorkflowJson {
	const nodes: WorkflowNode[] = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		...steps,
	].map((step, index) => ({
		typeVersion: 1,
		...step,
		id: `${id}-${index}`,
		position: [index * 220, 0],
	}));
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

/** A copy of a workflow under another id, its GHL nodes switched to another credential. */
export function withCredential(
	workflow: WorkflowJson,
	id: string,
	credential: Credential,
): WorkflowJson {
	return {
		...workflow,
		id,
		name: `${workflow.name} (${credential.name})`,
		nodes: workflow.nodes.map((node) =>
			node.type === GHL_NODE_TYPE
				? { ...node, ...ghlNode(node.name, node.parameters, credential), id: `${id}-${node.name}` }
				: node,
		),
	};
}
