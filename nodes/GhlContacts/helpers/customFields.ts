import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, mayUse, type GhlConnection } from '../../shared/transport';
import { toList } from './lists';

export const CUSTOM_FIELDS_SCOPE = 'locations/customFields.readonly';

export interface CustomFieldDefinition {
	id: string;
	name: string;
	fieldKey: string;
	dataType: string;
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** One fetch per execution and location, however many items need the definitions. */
const definitionsCache = new WeakMap<Context, Map<string, Promise<CustomFieldDefinition[]>>>();

/**
 * The location's contact custom fields, or undefined when the credential may not read them (the
 * operations still work then: values are sent as entered, fields named by key or ID). A credential
 * that declares no scopes is asked, and GHL's 401 for a missing scope means "may not".
 */
export async function customFieldDefinitions(
	ctx: Context,
	connection: GhlConnection,
	locationId: string,
	itemIndex?: number,
): Promise<CustomFieldDefinition[] | undefined> {
	if (!mayUse(connection, CUSTOM_FIELDS_SCOPE) || !locationId) return undefined;
	let perLocation = definitionsCache.get(ctx);
	if (!perLocation) definitionsCache.set(ctx, (perLocation = new Map()));
	let pending = perLocation.get(locationId);
	if (!pending) {
		pending = ghlApiRequest
			.call<Context, Parameters<typeof ghlApiRequest>, Promise<{ customFields: IDataObject[] }>>(
				ctx,
				connection,
				{
					operationId: 'get-custom-fields',
					label: 'Get Custom Fields',
					pathParams: { locationId },
					qs: { model: 'contact' },
					itemIndex,
				},
			)
			.then(({ customFields }) =>
				customFields.map((field) => ({
					id: String(field.id),
					name: String(field.name ?? field.id),
					fieldKey: String(field.fieldKey ?? ''),
					dataType: String(field.dataType ?? 'TEXT'),
				})),
			);
		perLocation.set(locationId, pending);
		// A failed fetch is not remembered, so a later item may try again.
		pending.catch(() => perLocation.delete(locationId));
	}
	const undeclared = connection.grantedScopes === undefined;
	// The transport's own error goes on unchanged, unless it is the refusal a credential that
	// declares no scopes may meet.
	return await pending.catch((error: unknown) =>
		undeclared && error instanceof NodeApiError && error.httpCode === '401'
			? undefined
			: Promise.reject(error),
	);
}

/** `contact.favourite_colour` and `favourite_colour` name the same field. */
function shortKey(fieldKey: string): string {
	return fieldKey.replace(/^contact\./, '');
}

export const customFieldsInput: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: 'Custom field values to set; entries with an empty value are not sent',
	options: [
		{
			displayName: 'Custom Field',
			name: 'field',
			values: [
				{
					displayName: 'Field Chosen By',
					name: 'by',
					type: 'options',
					options: [
						{ name: 'From List', value: 'list' },
						{ name: 'ID', value: 'id' },
						{ name: 'Key', value: 'key' },
					],
					default: 'list',
				},
				{
					displayName: 'Field ID',
					name: 'id',
					type: 'string',
					default: '',
					placeholder: 'e.g. 6dvNaf7VhkQ9snc5vnjJ',
					displayOptions: { show: { by: ['id'] } },
				},
				{
					displayName: 'Field Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. contact.favourite_colour',
					displayOptions: { show: { by: ['key'] } },
				},
				{
					displayName: 'Field Name or ID',
					name: 'fieldId',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getCustomFields' },
					default: '',
					description:
						'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: 'The list needs the locations/customFields.readonly scope; without it, identify the field by Key or ID',
					displayOptions: { show: { by: ['list'] } },
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description:
						'A number for numeric and monetary fields; for checkbox and multi-select fields, options separated by commas or an array from an expression',
				},
			],
		},
	],
};

interface CustomFieldEntry {
	by?: 'list' | 'id' | 'key';
	fieldId?: string;
	key?: string;
	id?: string;
	value?: unknown;
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/**
 * The `customFields` body of create, upsert and update: `[{ id | key, field_value }]`. With the
 * definitions readable, each field must exist and its value is sent in the type GHL expects.
 */
export async function readCustomFieldsInput(
	this: IExecuteFunctions,
	connection: GhlConnection,
	locationId: string,
	itemIndex: number,
): Promise<IDataObject[] | undefined> {
	const raw = this.getNodeParameter('customFields.field', itemIndex, []) as
		| CustomFieldEntry[]
		| CustomFieldEntry;
	const entries = (Array.isArray(raw) ? raw : [raw]).filter((entry) => !isEmpty(entry.value));
	if (entries.length === 0) return undefined;
	const fail = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { description, itemIndex });
	const definitions = await customFieldDefinitions(this, connection, locationId, itemIndex);
	return entries.map((entry) => {
		const by = entry.by ?? 'list';
		const ref = String(
			(by === 'key' ? entry.key : by === 'id' ? entry.id : entry.fieldId) ?? '',
		).trim();
		if (!ref) {
			throw fail(
				'A custom field has a value but no field',
				'Pick the field from the list, or enter its key or ID.',
			);
		}
		const target: IDataObject = by === 'key' ? { key: ref } : { id: ref };
		if (!definitions) return { ...target, field_value: entry.value } as IDataObject;
		const definition = definitions.find((field) =>
			by === 'key' ? shortKey(field.fieldKey) === shortKey(ref) : field.id === ref,
		);
		if (!definition) {
			throw fail(
				`Custom field "${ref}" does not exist in location ${locationId}`,
				'Pick the field from the list, or check its key or ID in GHL (Settings > Custom Fields).',
			);
		}
		return { ...target, field_value: coerce(definition, entry.value, fail) } as IDataObject;
	});
}

function coerce(
	definition: CustomFieldDefinition,
	value: unknown,
	fail: (message: string, description: string) => Error,
): unknown {
	const label = `Custom field "${definition.name}" (${definition.fieldKey})`;
	switch (definition.dataType) {
		case 'NUMERICAL':
		case 'MONETORY': {
			const number = typeof value === 'string' ? Number(value.trim()) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) {
				throw fail(
					`${label} needs a number, not "${String(value)}"`,
					'Enter digits, e.g. 1250.50.',
				);
			}
			return number;
		}
		case 'CHECKBOX':
		case 'MULTIPLE_OPTIONS':
			return toList(value);
		case 'FILE_UPLOAD':
			return value;
		default:
			if (typeof value === 'object') {
				throw fail(`${label} needs text, not an object or a list`, 'Map a single text value.');
			}
			return String(value);
	}
}

export type CustomFieldNaming = 'list' | 'key' | 'name';

export const customFieldsOutputOption: INodeProperties = {
	displayName: 'Custom Fields Output',
	name: 'customFieldsOutput',
	type: 'options',
	options: [
		{
			name: 'As Returned',
			value: 'list',
			description: 'A list of { ID, value } pairs, as GHL returns it',
		},
		{
			name: 'Object by Field Key',
			value: 'key',
			description:
				'E.g. { favourite_colour: "Blue" }; needs the locations/customFields.readonly scope.',
		},
		{
			name: 'Object by Field Name',
			value: 'name',
			description:
				'E.g. { "Favourite colour": "Blue" }; needs the locations/customFields.readonly scope.',
		},
	],
	default: 'list',
	description: 'How to output the custom fields of each contact',
};

/**
 * Turns `customFields: [{ id, value }]` into an object keyed by each field's key or name (an ID
 * the location does not define stays as the key). Undefined when the output stays as returned.
 */
export async function customFieldNamer(
	this: IExecuteFunctions,
	connection: GhlConnection,
	naming: CustomFieldNaming,
	locationId: string,
	itemIndex: number,
): Promise<((customFields: unknown) => IDataObject) | undefined> {
	if (naming === 'list') return undefined;
	const definitions = await customFieldDefinitions(this, connection, locationId, itemIndex);
	if (!definitions) {
		throw new NodeOperationError(
			this.getNode(),
			`Custom fields cannot be output by ${naming}: the credential lacks the ${CUSTOM_FIELDS_SCOPE} scope`,
			{
				description: `Add ${CUSTOM_FIELDS_SCOPE} to the credential, or set Custom Fields Output to As Returned.`,
				itemIndex,
			},
		);
	}
	const labels = new Map(
		definitions.map((field) => [
			field.id,
			naming === 'key' ? shortKey(field.fieldKey) : field.name,
		]),
	);
	return (customFields) => {
		const named: IDataObject = {};
		for (const entry of Array.isArray(customFields) ? (customFields as IDataObject[]) : []) {
			const id = String(entry.id);
			named[labels.get(id) ?? id] = (entry.value ?? entry.field_value) as IDataObject[string];
		}
		return named;
	};
}
