import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentialsHelper';

/** Where the harness pretends n8n runs; nothing listens there, nodes only build URLs from it. */
export const HARNESS_BASE_URL = 'http://127.0.0.1:5678';

/**
 * What n8n-core's contexts read from n8n's server-side "additional data", for one run: the
 * credentials helper, the instance URLs and an empty variable set. Callers add their hooks.
 */
export function harnessAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	extra: Record<string, unknown> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_BASE_URL}/`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		variables: {},
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** The additional data of one execution run by n8n-core's WorkflowExecute, with its hooks. */
export function executionAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return harnessAdditionalData(credentialsHelper, {
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in the harness');
		},
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
		logAiEvent: () => undefined,
	});
}

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** n8n's logger is a process-wide service; the harness records what one node logs instead. */
export function recordLogsOf(context: object, logs: LogLine[]): void {
	const record =
		(level: LogLine['level']) =>
		(message: string, meta?: unknown): void => {
			logs.push({ level, message, meta });
		};
	Object.defineProperty(context, 'logger', {
		value: {
			error: record('error'),
			warn: record('warn'),
			info: record('info'),
			debug: record('debug'),
		},
	});
}
