import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList } from '../helpers/lists';

interface ListFieldOptions {
	/** Parameter name, e.g. `tags`. */
	name: string;
	/** Plural label, e.g. `Tags`. */
	displayName: string;
	/** Singular label, e.g. `Tag`. */
	itemName: string;
	searchMethod: string;
	/** The typed mode: tags are entered by name, users by ID. */
	typedMode: { name: string; displayName: string; placeholder: string };
	description: string;
}

/**
 * A list of values, each picked from a searchable list or typed; a typed entry (or an expression)
 * may hold several values separated by commas, or an array.
 */
export function listField(options: ListFieldOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${options.itemName}`,
		default: {},
		required: true,
		description: options.description,
		options: [
			{
				displayName: options.itemName,
				name: 'values',
				values: [
					{
						displayName: options.itemName,
						name: 'value',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: options.searchMethod, searchable: true },
							},
							{
								displayName: options.typedMode.displayName,
								name: options.typedMode.name,
								type: 'string',
								placeholder: options.typedMode.placeholder,
							},
						],
					},
				],
			},
		],
	};
}

/** The list a `listField` holds for this item: trimmed, distinct, and never empty. */
export function readListField(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string[] {
	return requireList.call(this, listFieldEntries.call(this, name, itemIndex), label, itemIndex);
}

/** The raw entries of a `listField`, resource locators unwrapped. */
export function listFieldEntries(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string[] {
	const entries = this.getNodeParameter(`${name}.values`, itemIndex, []) as Array<{
		value?: unknown;
	}>;
	return toList(...entries.map(({ value }) => (isLocatorValue(value) ? value.value : value)));
}

function isLocatorValue(value: unknown): value is { __rl: true; value: unknown } {
	return value !== null && typeof value === 'object' && '__rl' in value;
}

/** Rejects an empty list before anything is sent, naming the field. */
export function requireList(
	this: IExecuteFunctions,
	values: string[],
	label: string,
	itemIndex: number,
): string[] {
	if (values.length === 0) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			description: `Add at least one entry to ${label} (several may be separated by commas).`,
			itemIndex,
		});
	}
	return values;
}

/** Contact IDs for the bulk endpoints, typed separated by commas or mapped as an array. */
export const contactIdsField: INodeProperties = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. ve9EPM428h8vShlRW1KT, 3ualbhnV7j3n3a9r2moD',
	description: 'The contacts to update, separated by commas, or an array mapped from an expression',
};

export function readContactIds(this: IExecuteFunctions, itemIndex: number): string[] {
	const raw = this.getNodeParameter('contactIds', itemIndex, '') as unknown;
	return requireList.call(this, toList(raw), 'Contact IDs', itemIndex);
}
