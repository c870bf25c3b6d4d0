import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { connectionsPerItem, credentialConnection } from '../../shared/transport';
import type { ItemResult, Operation } from './operation';
import { parallelRequests } from './requestOptions';
import * as appointment from './appointment/Appointment.resource';
import * as business from './business/Business.resource';
import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';
import * as follower from './follower/Follower.resource';
import * as note from './note/Note.resource';
import * as subAccount from './subAccount/SubAccount.resource';
import * as tag from './tag/Tag.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

const resources: Record<string, Record<string, Operation>> = {
	appointment: appointment.operations,
	business: business.operations,
	campaign: campaign.operations,
	contact: contact.operations,
	follower: follower.operations,
	note: note.operations,
	subAccount: subAccount.operations,
	tag: tag.operations,
	task: task.operations,
	workflow: workflow.operations,
};

function toItems(result: ItemResult, itemIndex: number) {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const json = (entry as INodeExecutionData).json ?? (entry as IDataObject);
		return { json, pairedItem: { item: itemIndex } } as INodeExecutionData;
	});
}

/** n8n's error (API or operation) for the failing item, so the editor points at it. */
function withItemIndex(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

type Outcome = { result: ItemResult } | { error: unknown };

/**
 * An operation's result must be records to output. One that is not (GHL answered a write with
 * an object lacking the record) is that item's error, not a failure of every item.
 */
function checked(node: INode, result: ItemResult | undefined, itemIndex: number): ItemResult {
	const isRecord = (value: unknown) => value !== null && typeof value === 'object';
	if (Array.isArray(result) ? result.every(isRecord) : isRecord(result))
		return result as ItemResult;
	throw new NodeOperationError(node, "GHL's answer held no record to output for this item", {
		description:
			'If the operation writes, the change may have been made: check in GHL before running this item again.',
		itemIndex,
	});
}

/**
 * The failing item's error when the node stops, naming the items that had already succeeded:
 * their writes are in GHL and no output shows them, so a plain rerun would repeat them.
 */
function stoppedAt(
	node: INode,
	error: unknown,
	itemIndex: number,
	outcomes: Outcome[],
): NodeApiError | NodeOperationError {
	const stopped = withItemIndex(node, error, itemIndex);
	const done = outcomes.flatMap((outcome, index) =>
		outcome && 'result' in outcome ? [index] : [],
	);
	if (done.length === 0) return stopped;
	const note = `Before the node stopped, ${done.length} other item${done.length === 1 ? '' : 's'} succeeded (item index ${done.join(', ')}): any change they made is in GHL, so running every item again repeats it.`;
	stopped.description = stopped.description ? `${stopped.description} ${note}` : note;
	return stopped;
}

/**
 * Runs `run` for every item, `limit` at a time, taking items in order. After a failure that must
 * stop the node no new item starts; those already running finish, and every item before the
 * failing one has started, so the outcomes up to it are complete.
 */
async function runEach(
	count: number,
	limit: number,
	run: (itemIndex: number) => Promise<ItemResult>,
	stopsOnError: boolean,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < count) {
			const itemIndex = next++;
			try {
				outcomes[itemIndex] = { result: await run(itemIndex) };
			} catch (error) {
				outcomes[itemIndex] = { error };
				if (stopsOnError) stopped = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
	return outcomes;
}

/**
 * Runs the chosen operation for every input item (several at a time, or in bulk requests where
 * the operation offers them); outputs keep the input order and stay paired with their input.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const connectionOf = operation.agencyWide
		? async () => await credentialConnection(this)
		: connectionsPerItem(this);
	const continueOnFail = this.continueOnFail();
	const combined = await operation.executeAll?.call(this, connectionOf);
	const outcomes: Outcome[] = combined
		? combined.map((entry) => (entry instanceof Error ? { error: entry } : { result: entry }))
		: await runEach(
				items.length,
				parallelRequests.call(this),
				async (itemIndex) =>
					checked(
						this.getNode(),
						await operation.execute.call(this, itemIndex, await connectionOf(itemIndex)),
						itemIndex,
					),
				!continueOnFail,
			);
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if ('result' in outcome) {
			returnData.push(...toItems(outcome.result, itemIndex));
		} else if (continueOnFail) {
			returnData.push({
				json: { error: (outcome.error as Error).message },
				pairedItem: { item: itemIndex },
			});
		} else {
			throw stoppedAt(this.getNode(), outcome.error, itemIndex, outcomes);
		}
	}
	return [returnData];
}
