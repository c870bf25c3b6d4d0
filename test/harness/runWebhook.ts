import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME, parametersAsSaved } from './packageTypes';
import {
	executionAdditionalData,
	harnessAdditionalData,
	recordLogsOf,
	type LogLine,
} from './additionalData';
import { useProcessedDataStore } from './processedData';

export interface WebhookSessionOptions {
	/** Node name inside the package, e.g. `ghlWebhookTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials?: StoredCredential[];
}

export interface IncomingDelivery {
	headers?: Record<string, string>;
	/** The bytes as sent: n8n keeps them as `rawBody` and parses JSON into `body`. */
	body: string | Buffer;
	query?: Record<string, string>;
}

type DeliveryMode = Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;

export interface WebhookAnswer {
	status: number;
	/** What the caller received (parsed JSON when it is JSON). */
	response: unknown;
	/** The execution the delivery started, to what the trigger passed on; absent when none. */
	execution?: Promise<IDataObject[]>;
}

export interface WebhookOutcome extends Omit<WebhookAnswer, 'execution'> {
	/** What the trigger passed on in the execution the delivery started; null when it started none. */
	items: IDataObject[] | null;
}

const TRIGGER_NODE = 'GHL Webhook';

/** The parts of an HTTP response a node may write to, recorded. */
class RecordedResponse {
	status?: number;
	body = '';

	writeHead(status: number): this {
		this.status = status;
		return this;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.body += chunk.toString();
		return this;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

let sessions = 0;

/**
 * What n8n's database holds for one workflow, as far as the harness keeps it: its id (the
 * processed-data store files records under it) and its static data as saved. Every process of a
 * queue-mode setup reads and writes the same.
 */
export interface WorkflowRecord {
	id: string;
	staticData: string;
}

/**
 * An active workflow holding one webhook trigger, kept the way n8n keeps it: a saved workflow
 * whose static data is loaded afresh for every delivery and saved only when n8n would save it.
 *
 * Each delivery builds a real n8n-core WebhookContext around a request (headers, raw body, parsed
 * body, query) and a response, and calls the node's `webhook()`. When that starts nothing, n8n's
 * webhook service saves the static data if it changed. When it starts an execution, what
 * `webhook()` wrote to static data is lost (as in n8n 2.41.1), and the execution runs with
 * n8n-core's WorkflowExecute from the trigger, on static data loaded afresh, saving what it
 * changed, except in manual (test URL) runs.
 */
export class WebhookSession {
	readonly logs: LogLine[] = [];

	private constructor(
		/** The workflow in n8n's database; another process's session may share it. */
		readonly record: WorkflowRecord,
		private readonly workflowData: IWorkflowBase,
		private readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly nodeTypes: INodeTypes,
		private readonly credentialsHelper: HarnessCredentialsHelper,
	) {}

	/**
	 * A new active workflow, or, given another session's `record`, the same workflow in another
	 * n8n process (a webhook process and worker of a queue-mode setup): load this module a second
	 * time (`jest.isolateModulesAsync`) for a process of its own.
	 */
	static async create(
		options: WebhookSessionOptions,
		record: WorkflowRecord = { id: `harness-webhook-workflow-${++sessions}`, staticData: '{}' },
	): Promise<WebhookSession> {
		await useProcessedDataStore();
		const pkg = await loadPackage();
		const credentialsHelper = new HarnessCredentialsHelper(pkg);
		const credentials = options.credentials ?? [];
		for (const credential of credentials) credentialsHelper.add(credential);
		const type = `${PACKAGE_NAME}.${options.type}`;
		const nodeType = pkg.nodeTypes.getByNameAndVersion(type, 1) as INodeType;
		const node: INode = {
			id: 'webhook-trigger',
			name: TRIGGER_NODE,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: 'b9a4c6a2-harness-webhook',
			credentials: Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }])),
		};
		node.parameters = parametersAsSaved(nodeType, node, options.parameters);
		const workflowData: IWorkflowBase = {
			// Each session its own workflow, so processed data never carries over between tests.
			id: record.id,
			name: 'Harness Webhook',
			active: true,
			isArchived: false,
			activeVersionId: 'harness-version',
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [node],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		return new WebhookSession(
			record,
			workflowData,
			node,
			nodeType,
			pkg.nodeTypes,
			credentialsHelper,
		);
	}

	private workflowOver(staticData: IDataObject): Workflow {
		return new Workflow({
			id: this.workflowData.id,
			name: this.workflowData.name,
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			active: true,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: this.workflowData.settings,
		});
	}

	/** What n8n's WorkflowStaticDataService does: save only static data marked as changed. */
	private saveIfChanged(workflow: Workflow): void {
		if ((workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true) {
			this.record.staticData = JSON.stringify(workflow.staticData);
		}
	}

	/** Hands one HTTP delivery to the node and waits for the execution it started, if any. */
	async deliver(
		delivery: IncomingDelivery,
		mode: DeliveryMode = 'webhook',
	): Promise<WebhookOutcome> {
		const { execution, ...answer } = await this.receive(delivery, mode);
		return { ...answer, items: execution ? await execution : null };
	}

	/**
	 * Hands one HTTP delivery to the node, as n8n's production (or test) webhook does, and returns
	 * the answer as soon as the caller would have it: with `onReceived`, while the execution the
	 * delivery started still runs.
	 */
	async receive(
		delivery: IncomingDelivery,
		mode: DeliveryMode = 'webhook',
	): Promise<WebhookAnswer> {
		const staticData = JSON.parse(this.record.staticData) as IDataObject;
		const workflow = this.workflowOver(staticData);
		const rawBody = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body);
		const parsed = parseJson(rawBody.toString());
		const headers = Object.fromEntries(
			Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(([k, v]) => [
				k.toLowerCase(),
				v,
			]),
		);
		const response = new RecordedResponse();
		const additionalData = {
			...harnessAdditionalData(this.credentialsHelper),
			httpRequest: {
				method: 'POST',
				headers,
				rawBody,
				body: typeof parsed === 'object' && parsed !== null ? parsed : {},
				query: delivery.query ?? {},
				params: {},
			},
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const description = this.nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflowData.id!,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		recordLogsOf(context, this.logs);
		const result = (await this.nodeType.webhook!.call(context)) as IWebhookResponseData;
		if (result.workflowData === undefined) {
			if (mode !== 'manual') this.saveIfChanged(workflow);
			if (result.noWebhookResponse) {
				return { status: response.status ?? 200, response: parseJson(response.body) };
			}
			return {
				status: 200,
				response: result.webhookResponse ?? { message: 'Webhook call received' },
			};
		}

		// n8n 2.x's runner first wraps the webhook's static data again, to set up the execution's
		// context, which clears its "changed" mark; the execution then runs on static data loaded
		// afresh from the database. The webhook service saves once the response is out: by then
		// nothing webhook() wrote is marked as changed.
		this.workflowOver(staticData);
		const execution = this.workflowOver(JSON.parse(this.record.staticData) as IDataObject);
		if (mode !== 'manual') this.saveIfChanged(workflow);
		const run = this.execute(execution, result.workflowData, mode).then((finished) => {
			const taskData = finished.data.resultData.runData[TRIGGER_NODE]?.[0];
			if (taskData?.error) throw taskData.error;
			return (taskData?.data?.main[0] ?? []).map((item) => item.json);
		});
		return { status: 200, response: { message: 'Workflow was started' }, execution: run };
	}

	/** The execution n8n starts from the trigger's items: the trigger's step, then the rest. */
	private async execute(
		workflow: Workflow,
		triggerOutput: INodeExecutionData[][],
		mode: WorkflowExecuteMode,
	): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(mode, 'harness-execution', this.workflowData);
		hooks.addHandler('workflowExecuteAfter', (_run, newStaticData) => {
			if (mode !== 'manual' && newStaticData)
				this.record.staticData = JSON.stringify(newStaticData);
		});
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: this.node, data: { main: triggerOutput }, source: null }],
			},
		});
		return await new WorkflowExecute(
			executionAdditionalData(this.credentialsHelper, hooks),
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
	}

	/** Which workflow and node n8n's stores file this trigger's records under. */
	ids(): { workflowId: string; nodeId: string } {
		return { workflowId: String(this.workflowData.id), nodeId: this.node.id };
	}

	/** The node's static data as n8n last saved it. */
	nodeStaticData(): IDataObject {
		const saved = JSON.parse(this.record.staticData) as IDataObject;
		return (saved[`node:${this.node.name}`] as IDataObject | undefined) ?? {};
	}
}
