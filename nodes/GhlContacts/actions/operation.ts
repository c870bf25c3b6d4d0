import type { IExecuteFunctions, INodeExecutionData, INodeProperties, IDataObject } from 'n8n-workflow';

import type { GhlConnection } from '../../shared/transport';

/**
 * One operation of one resource: its fields (shown only for it) and how it runs for one input
 * item. The router loops over items, pairs outputs with inputs and applies Continue On Fail.
 */
export interface Operation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		connection: GhlConnection,
	): Promise<IDataObject | IDataObject[] | INodeExecutionData[]>;
}
