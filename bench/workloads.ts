import { chain, GHL_NODE_TYPE, type WorkflowJson } from '../e2e/workflowBuilder';

/** The two nodes under comparison, by the credential each uses. */
export const CREDENTIALS = {
	ours: { id: 'benchPit00000001', name: 'GHL Contacts (token)', type: 'ghlApi' },
	builtIn: { id: 'benchOauth000001', name: 'HighLevel OAuth2', type: 'highLevelOAuth2Api' },
} as const;

export type Side = keyof typeof CREDENTIALS;

/** The node each workflow measures; its items are counted and its execution time read. */
export const MEASURED = 'Measured';

const INPUT = 'Input';
const fromItem = '={{ $json.id }}';
const byIdFromItem = { __rl: true, mode: 'id', value: fromItem };

export interface Workload {
	key: string;
	title: string;
	/** Items the measured node must output for the run to count. */
	expectedItems: number;
	/** Each side's node parameters, or why that side cannot run it. */
	ours: Record<string, unknown>;
	builtIn: Record<string, unknown> | { unsupported: string };
	/** Contact ids fed as input items (none: the node runs once). */
	inputIds?: string[];
}

function measured(side: Side, parameters: Record<string, unknown>) {
	const credential = CREDENTIALS[side];
	return {
		name: MEASURED,
		type: side === 'ours' ? GHL_NODE_TYPE : 'n8n-nodes-base.highLevel',
		typeVersion: side === 'ours' ? 1 : 2,
		// Failures become items, so a failing item is counted instead of stopping the run.
		onError: 'continueRegularOutput',
		parameters:
			side === 'ours' ? { authentication: 'privateIntegrationToken', ...parameters } : parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/** Input items `{ id }` made by a Code node (the CLI starts from a manual trigger). */
function input(ids: string[]) {
	return {
		name: INPUT,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return ${JSON.stringify(ids)}.map((id) => ({ json: { id } }));` },
	};
}

export function workflowFor(workload: Workload, side: Side): WorkflowJson | undefined {
	const parameters = workload[side];
	if ('unsupported' in parameters) return undefined;
	const id = `bench${workload.key}${side === 'ours' ? 'O' : 'B'}`.slice(0, 16).padEnd(16, '0');
	const steps = [
		...(workload.inputIds ? [input(workload.inputIds)] : []),
		measured(side, parameters as Record<string, unknown>),
	];
	return chain(id, `Bench ${workload.title} (${side})`, steps as never);
}

export function workloads(allContacts: number, ids: string[]): Workload[] {
	const tasks = ids.slice(0, 500);
	const lookups = ids.slice(0, 1000);
	return [
		{
			key: 'GetAll',
			title: `Get all ${allContacts.toLocaleString('en')} contacts`,
			expectedItems: allContacts,
			ours: { resource: 'contact', operation: 'getAll', returnAll: true },
			builtIn: { resource: 'contact', operation: 'getAll', returnAll: true },
		},
		{
			key: 'Tasks',
			title: `Create ${tasks.length} tasks`,
			expectedItems: tasks.length,
			inputIds: tasks,
			ours: {
				resource: 'task',
				operation: 'create',
				contactId: byIdFromItem,
				title: 'Benchmark follow-up',
				dueDate: '2030-01-15T10:00:00Z',
			},
			builtIn: {
				resource: 'task',
				operation: 'create',
				contactId: fromItem,
				title: 'Benchmark follow-up',
				dueDate: '2030-01-15T10:00:00',
				completed: false,
			},
		},
		{
			key: 'Get',
			title: `Get ${lookups.length} contacts by id`,
			expectedItems: lookups.length,
			inputIds: lookups,
			ours: { resource: 'contact', operation: 'get', contactId: byIdFromItem },
			builtIn: { resource: 'contact', operation: 'get', contactId: fromItem },
		},
		{
			key: 'Tag',
			title: `Tag ${lookups.length} contacts`,
			expectedItems: lookups.length,
			inputIds: lookups,
			ours: {
				resource: 'tag',
				operation: 'add',
				contactId: byIdFromItem,
				tags: { values: [{ value: { __rl: true, mode: 'name', value: 'benchmark' } }] },
				combineIntoBulk: true,
			},
			builtIn: { unsupported: 'no tag operation (only a tags field on Create/Update)' },
		},
	];
}
