import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { harnessAdditionalData, recordLogsOf, type LogLine } from './additionalData';
import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME, parametersAsSaved } from './packageTypes';

export interface PollSessionOptions {
	/** Node name inside the package, e.g. `ghlContactsTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials: StoredCredential[];
}

const TRIGGER_NODE = 'GHL Trigger';

/**
 * An active workflow holding one polling trigger, as n8n keeps it between polls: one Workflow
 * whose static data persists from poll to poll. Each poll builds a real n8n-core PollContext
 * (mode `trigger` for scheduled polls, `manual` for "Fetch Test Event") and calls the node's
 * `poll()`; what the node logs is recorded.
 */
export type { LogLine };

export class PollSession {
	readonly logs: LogLine[] = [];
	private polls = 0;

	private constructor(
		private readonly workflow: Workflow,
		private readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly additionalData: IWorkflowExecuteAdditionalData,
	) {}

	static async create(options: PollSessionOptions): Promise<PollSession> {
		const pkg = await loadPackage();
		const credentialsHelper = new HarnessCredentialsHelper(pkg);
		for (const credential of options.credentials) credentialsHelper.add(credential);
		const type = `${PACKAGE_NAME}.${options.type}`;
		const nodeType = pkg.nodeTypes.getByNameAndVersion(type, 1);
		const node: INode = {
			id: 'trigger',
			name: TRIGGER_NODE,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: Object.fromEntries(
				options.credentials.map((c) => [c.type, { id: c.id, name: c.name }]),
			),
		};
		node.parameters = parametersAsSaved(nodeType, node, options.parameters);
		const additionalData = harnessAdditionalData(credentialsHelper);
		return new PollSession(
			new Workflow({
				id: 'harness-poll-workflow',
				name: 'Harness Poll',
				nodes: [node],
				connections: {},
				active: true,
				nodeTypes: pkg.nodeTypes,
				settings: { executionOrder: 'v1' },
			}),
			node,
			nodeType as INodeType,
			additionalData,
		);
	}

	/**
	 * One poll. Returns the emitted items (null when the node emitted nothing); rejects with what
	 * the node threw.
	 */
	async poll(mode: Extract<WorkflowExecuteMode, 'trigger' | 'manual'> = 'trigger') {
		const activation: WorkflowActivateMode = this.polls++ === 0 ? 'activate' : 'init';
		const context = new PollContext(
			this.workflow,
			this.node,
			this.additionalData,
			mode,
			activation,
		);
		recordLogsOf(context, this.logs);
		const output = (await this.nodeType.poll!.call(context)) as INodeExecutionData[][] | null;
		return output === null ? null : output[0].map((item) => item.json);
	}

	/**
	 * The user edits the active trigger's parameters: n8n keeps the workflow's static data, so the
	 * next poll starts from the state the last one left.
	 */
	setParameters(parameters: INodeParameters): void {
		this.node.parameters = parametersAsSaved(this.nodeType, this.node, parameters);
	}

	/** The node's static data as n8n would save it (a JSON copy). */
	nodeStaticData(): IDataObject {
		const data = this.workflow.getStaticData('node', this.node);
		return JSON.parse(JSON.stringify(data)) as IDataObject;
	}
}
