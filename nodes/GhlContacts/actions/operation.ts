import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	IDataObject,
} from 'n8n-workflow';

import type { GhlConnection } from '../../shared/transport';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData[];

/** The connection an item acts through (an agency connection's is the item's sub-account). */
export type ConnectionOf = (itemIndex: number) => Promise<GhlConnection>;

/**
 * One operation of one resource: its fields (shown only for it) and how it runs for one input
 * item. The router runs the items (several at a time), pairs outputs with inputs and applies
 * Continue On Fail.
 */
export interface Operation {
	description: INodeProperties[];
	/** Runs with an agency's own token, for no sub-account (listing the sub-accounts). */
	agencyWide?: true;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		connection: GhlConnection,
	): Promise<ItemResult>;
	/**
	 * Runs all items in few requests when the user chose to; undefined when they did not. One
	 * result or error per item, in item order.
	 */
	executeAll?(
		this: IExecuteFunctions,
		connectionOf: ConnectionOf,
	): Promise<Array<ItemResult | Error> | undefined>;
}
