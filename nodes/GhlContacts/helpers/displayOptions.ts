import type { INodeProperties } from 'n8n-workflow';

/** Shows `properties` only for one resource/operation pair, keeping any conditions they carry. */
export function showOnlyFor(
	resource: string,
	operation: string | string[],
	properties: INodeProperties[],
): INodeProperties[] {
	const operations = Array.isArray(operation) ? operation : [operation];
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: operations },
		},
	}));
}
