/**
 * Where the official spec is empty, silent or wrong, what the sandbox enforces instead, each with
 * its source in the API notes. Everything else comes from the spec verbatim.
 */
import contactsSpec from './spec/contacts.json';
import type { Schema } from './spec';

const text = { type: 'string' };
const required = { type: 'string', minLength: 1 };
const strings = { type: 'array', items: text };

/**
 * The search body: the spec's `SearchBodyV2DTO` has no properties at all. Notes §6.3 ([obs]:
 * white-label docs, docs issue #31): locationId and pageLimit required, pageLimit ≤ 500, query and
 * filter values ≤ 75 characters. The filter semantics are the domain's to check.
 */
const SEARCH_BODY: Schema = {
	type: 'object',
	properties: {
		locationId: required,
		pageLimit: { type: 'integer', minimum: 1, maximum: 500 },
		page: { type: 'integer', minimum: 1 },
		searchAfter: { type: 'array' },
		query: { type: 'string', maxLength: 75 },
		filters: { type: 'array', items: { type: 'object' } },
		sort: {
			type: 'array',
			items: {
				type: 'object',
				properties: { field: required, direction: { type: 'string', enum: ['asc', 'desc'] } },
				required: ['field'],
			},
		},
	},
	required: ['locationId', 'pageLimit'],
};

/** Property-level changes merged into an operation's request body schema. */
interface BodyPatch {
	properties?: Record<string, Schema>;
	required?: string[];
}

/** class-validator's IsEmail on contact emails (GHL answers "email must be an email"). */
const CONTACT_EMAIL: BodyPatch = { properties: { email: { format: 'email' } } };

/**
 * Required fields listed in notes §10 that must also be non-empty (class-validator IsNotEmpty);
 * the spec marks them required but lets `""` through.
 */
const BODY_PATCHES: Record<string, BodyPatch> = {
	'create-contact': {
		...CONTACT_EMAIL,
		properties: { ...CONTACT_EMAIL.properties, locationId: { minLength: 1 } },
	},
	'upsert-contact': {
		...CONTACT_EMAIL,
		properties: { ...CONTACT_EMAIL.properties, locationId: { minLength: 1 } },
	},
	'update-contact': CONTACT_EMAIL,
	'create-task': { properties: { title: { minLength: 1 } } },
	'create-note': { properties: { body: { minLength: 1 } } },
	'create-association': { properties: { locationId: { minLength: 1 } } },
	'add-remove-contact-from-business': { properties: { locationId: { minLength: 1 } } },
};

/** The request body schema the sandbox enforces, given the spec's (already dereferenced). */
export function supplementBody(operationId: string, spec: Schema | undefined): Schema | undefined {
	if (operationId === 'search-contacts-advanced') return SEARCH_BODY;
	const patch = BODY_PATCHES[operationId];
	if (!spec || !patch) return spec;
	const properties = { ...(spec.properties as Record<string, Schema>) };
	for (const [name, extra] of Object.entries(patch.properties ?? {})) {
		properties[name] = { ...properties[name], ...extra };
	}
	const specRequired = (spec.required as string[] | undefined) ?? [];
	return {
		...spec,
		properties,
		required: [...new Set([...specRequired, ...(patch.required ?? [])])],
	};
}

/**
 * Scopes of operations whose spec declares no `security`: the two bulk routes (notes §4, [gap]).
 * Updating contacts in bulk is a contact write, so `contacts.write`.
 */
export const UNDECLARED_SCOPES: Record<string, string[]> = {
	'create-association': ['contacts.write'],
	'add-remove-contact-from-business': ['contacts.write'],
};

/**
 * Path parameters the spec uses but does not declare: `{type}` of the bulk tags route takes
 * `add` or `remove` (notes §6.4 #5); any other value is an unknown route.
 */
export const PATH_PARAM_VALUES: Record<string, Record<string, string[]>> = {
	'create-association': { type: ['add', 'remove'] },
};

const object = { type: 'object' };

/**
 * Component schemas replaced wherever they are used, by spec file. `CustomFieldSchema.value` is
 * typed string, but a field's value has its field's type: a number for numeric and monetary
 * fields, a list for checkboxes and multi-selects, an object for files (notes §6.2, input side).
 */
export const COMPONENT_OVERRIDES: Record<string, Record<string, Schema>> = {
	'contacts.json': {
		CustomFieldSchema: {
			type: 'object',
			properties: {
				id: text,
				value: { anyOf: [text, { type: 'number' }, strings, object, { type: 'null' }] },
			},
		},
		...customFieldInputs(),
		...birthDateAsText(),
	},
};

/**
 * `dateOfBirth` is typed `object` in the contact DTOs, yet its description lists text formats
 * (`YYYY-MM-DD`, `MM/DD/YYYY`, ...) and its example is a string: GHL takes text.
 */
function birthDateAsText(): Record<string, Schema> {
	const schemas = contactsSpec.components.schemas as Record<
		string,
		Schema & { properties: Record<string, Schema> }
	>;
	const formats = /^(\d{4}[-/._]\d{2}[-/._]\d{2}|\d{2}[-/._]\d{2}[-/._]\d{4})$/.source;
	return Object.fromEntries(
		['CreateContactDto', 'UpdateContactDto', 'UpsertContactDto'].map((name) => [
			name,
			{
				...schemas[name],
				properties: {
					...schemas[name].properties,
					dateOfBirth: {
						...schemas[name].properties.dateOfBirth,
						type: 'string',
						pattern: formats,
					},
				},
			},
		]),
	);
}

/**
 * The input schemas of custom field values contradict their own descriptions: each requires `id`
 * although "Pass either `id` or `key`", and numeric and monetary values are typed as objects
 * while their examples are numbers (notes §6.2). GHL also takes `value` for `field_value` [obs].
 * Each keeps its value type; `id` or `key` is required.
 */
function customFieldInputs(): Record<string, Schema> {
	const valueTypes: Record<string, Schema> = {
		TextField: text,
		LargeTextField: text,
		SingleSelectField: text,
		RadioField: text,
		NumericField: { anyOf: [{ type: 'number' }, text] },
		MonetoryField: { anyOf: [{ type: 'number' }, text] },
		CheckboxField: strings,
		MultiSelectField: strings,
		FileField: object,
	};
	return Object.fromEntries(
		Object.entries(valueTypes).map(([name, value]) => [
			name,
			{
				type: 'object',
				properties: { id: text, key: text, field_value: value, value },
				anyOf: [{ required: ['id'] }, { required: ['key'] }],
			},
		]),
	);
}

/**
 * Response schemas replacing the spec's where it has none or a wrong one (notes §6.1, §6.3, §9).
 * Keyed by operationId, then status.
 */
export const RESPONSE_OVERRIDES: Record<string, Record<string, Schema>> = {
	// No schema in the current spec; the shape of the older spec's SearchContactSuccessResponseDto,
	// with the `searchAfter` cursor every item carries.
	'search-contacts-advanced': {
		'200': {
			type: 'object',
			properties: {
				contacts: {
					type: 'array',
					items: {
						type: 'object',
						properties: { id: required, searchAfter: { type: 'array' } },
						required: ['id', 'searchAfter'],
					},
				},
				total: { type: 'number' },
			},
			required: ['contacts', 'total'],
		},
	},
	// No schema; real answers are `{contact: {...}}` or `{contact: null}` [obs].
	'get-duplicate-contact': {
		'200': {
			type: 'object',
			properties: { contact: { ...object, nullable: true } },
			required: ['contact'],
		},
	},
	// The spec types each task as an array; real items are task objects [obs] (docs issue #332).
	'task-search': {
		'200': { type: 'object', properties: { tasks: { type: 'array', items: object } } },
	},
	// The spec types `responses` items as strings; its own example (and reality) has objects.
	'create-association': {
		'201': {
			type: 'object',
			properties: {
				succeded: { type: 'boolean' },
				errorCount: { type: 'number' },
				responses: {
					type: 'array',
					items: {
						type: 'object',
						properties: {
							contactId: text,
							message: text,
							type: { type: 'string', enum: ['success', 'error'] },
							oldTags: strings,
							tagsAdded: strings,
							tagsRemoved: strings,
						},
						required: ['contactId', 'message', 'type'],
					},
				},
			},
			required: ['succeded', 'errorCount', 'responses'],
		},
	},
};
