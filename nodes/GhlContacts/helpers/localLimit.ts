import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Return All / Limit for lists the API returns whole (a contact's tasks, notes, appointments):
 * nothing is paged, so Limit only trims what came back.
 */
export const localLimitFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * How many records to keep: all of them with Return All, else the Limit, which must be a whole
 * number of at least 1 (a mapped "abc" would otherwise keep nothing, without a word).
 */
export function readLocalLimit(this: IExecuteFunctions, itemIndex: number): number {
	if (this.getNodeParameter('returnAll', itemIndex, false) as boolean) return Infinity;
	const raw = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Limit must be a whole number of at least 1: "${String(raw).slice(0, 77)}"`,
			{ description: 'Set Limit to how many records to return, or turn on Return All.', itemIndex },
		);
	}
	return limit;
}
