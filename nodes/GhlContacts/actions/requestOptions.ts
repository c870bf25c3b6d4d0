import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locationIdOption } from '../helpers/location';

/**
 * Several requests in flight keep GHL's budget (100 per 10 s) busy despite each answer taking a
 * few hundred milliseconds; the transport still paces them to the limit the server reports.
 */
export const DEFAULT_PARALLEL_REQUESTS = 5;
const MAX_PARALLEL_REQUESTS = 20;

export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		locationIdOption,
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
			default: DEFAULT_PARALLEL_REQUESTS,
			description:
				"How many items are worked on at the same time. Requests are always paced to GHL's rate limit. Use 1 when items depend on each other, e.g. two items upserting the same email.",
		},
	],
};

export function parallelRequests(this: IExecuteFunctions): number {
	const options = this.getNodeParameter('requestOptions', 0, {}) as { parallelRequests?: number };
	const value = Math.floor(Number(options.parallelRequests ?? DEFAULT_PARALLEL_REQUESTS));
	return Number.isFinite(value) ? Math.min(MAX_PARALLEL_REQUESTS, Math.max(1, value)) : 1;
}
