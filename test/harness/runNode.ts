import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { executionAdditionalData } from './additionalData';
import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME, START_NODE_TYPE } from './packageTypes';

export interface RunNodeOptions {
	/** Node name inside the package (`ghlContacts`), or a full type name of a harness node. */
	type: string;
	parameters: INodeParameters;
	/** Credentials to attach (default: those the reused helper holds); the node gets each under its type name. */
	credentials?: StoredCredential[];
	/** Items the node receives (default: one empty item). */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Reuse a helper (and its stored credentials and token updates) across runs. */
	credentialsHelper?: HarnessCredentialsHelper;
	typeVersion?: number;
}

export interface NodeRunResult {
	/** The node's first output, as the next node would receive it. */
	items: INodeExecutionData[];
	/** Every output of the node. */
	outputs: INodeExecutionData[][];
	/** The node's error when the execution failed. */
	error?: ExecutionError;
	run: IRun;
	credentialsHelper: HarnessCredentialsHelper;
}

const NODE_UNDER_TEST = 'Node Under Test';

/** Runs one of the package's nodes inside n8n-core's WorkflowExecute, behind a start node. */
export async function runNode(options: RunNodeOptions): Promise<NodeRunResult> {
	const pkg = await loadPackage();
	const credentialsHelper = options.credentialsHelper ?? new HarnessCredentialsHelper(pkg);
	for (const credential of options.credentials ?? []) credentialsHelper.add(credential);
	const attached = options.credentials ?? [...credentialsHelper.stored.values()];

	const start: INode = {
		id: 'start',
		name: 'Start',
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const underTest: INode = {
		id: 'under-test',
		name: NODE_UNDER_TEST,
		type: options.type.includes('.') ? options.type : `${PACKAGE_NAME}.${options.type}`,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters,
		continueOnFail: options.continueOnFail,
		credentials: Object.fromEntries(attached.map((c) => [c.type, { id: c.id, name: c.name }])),
	};
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [start, underTest],
		connections: { Start: { main: [[{ node: NODE_UNDER_TEST, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes: pkg.nodeTypes,
		settings: workflowData.settings,
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', workflowData);
	const additionalData = executionAdditionalData(credentialsHelper, hooks);

	const run = await new WorkflowExecute(additionalData, 'manual').run(workflow, start);
	const taskData = run.data.resultData.runData[NODE_UNDER_TEST]?.[0];
	const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
	return {
		items: outputs[0] ?? [],
		outputs,
		error: taskData?.error ?? run.data.resultData.error,
		run,
		credentialsHelper,
	};
}
