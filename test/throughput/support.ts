import type { INodeExecutionData } from 'n8n-workflow';

import type { LoggedRequest } from '../../sandbox/types';

/** A contact ID taken from each input item (`{ id }`), as a mapped expression. */
export const contactIdFromItem = { __rl: true, mode: 'id', value: '={{ $json.id }}' };

/** Each output item's `pairedItem` index, in output order. */
export const pairedIndexes = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

export const statusesOf = (requests: LoggedRequest[]) => requests.map((request) => request.status);

export const count = <T>(values: T[], value: T) => values.filter((v) => v === value).length;
