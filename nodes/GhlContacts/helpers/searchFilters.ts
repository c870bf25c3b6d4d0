import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { userLocator } from './userField';
import { checkEmail, checkLookupPhone } from './contactInput';
import { toIsoDateTime } from './dates';
import { toList } from './lists';
import { listFieldEntries } from '../actions/listField';
import { tagsField } from '../actions/tag/tagsField';

/** GHL refuses a search query or filter value longer than this. */
export const MAX_SEARCH_TEXT = 75;

export const searchFilterFields: INodeProperties[] = [
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		placeholder: 'e.g. john',
		description: `Free text matched against name, email, phone and company (at most ${MAX_SEARCH_TEXT} characters)`,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				...userLocator('assignedTo', 'Assigned To', 'Only contacts assigned to this user'),
				default: { mode: 'list', value: '' },
			},
			{
				displayName: 'Date Added After',
				name: 'dateAddedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only contacts added at or after this time (workflow timezone unless it has an offset)',
			},
			{
				displayName: 'Date Added Before',
				name: 'dateAddedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only contacts added at or before this time',
			},
			{
				displayName: 'Date Updated After',
				name: 'dateUpdatedAfter',
				type: 'dateTime',
				default: '',
				description: 'Only contacts changed at or after this time',
			},
			{
				displayName: 'Date Updated Before',
				name: 'dateUpdatedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only contacts changed at or before this time',
			},
			{
				displayName: 'DND',
				name: 'dnd',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only contacts with Do Not Disturb on (or, when off, only those without it)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only contacts with exactly this email address',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +1 888-888-8888',
				description: 'Only contacts with this phone number',
			},
			{
				displayName: 'Raw Filters (JSON)',
				name: 'rawFilters',
				type: 'json',
				default: '[]',
				description:
					'More GHL search filters, as a JSON array of { field, operator, value } or { group, filters } objects; combined with the others by AND',
			},
			{
				...tagsField('Only contacts having every one of these tags', 'tagList'),
				required: false,
			},
			{
				// Tags as text, as nodes saved before the picker have them: shown only while set.
				displayName: 'Tags (Text)',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, newsletter',
				description:
					'Only contacts having every one of these tags (separated by commas, or an array). Saved by an earlier version of the node; Tags above picks them from the list.',
				displayOptions: { show: { tags: [{ _cnd: { exists: true } }] } },
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort',
		default: {},
		options: [
			{
				// "Order" sorts after "Field", so the panel asks for the field first.
				displayName: 'Order',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
				default: 'desc',
			},
			{
				displayName: 'Field',
				name: 'field',
				type: 'options',
				options: [
					{ name: 'Date Added', value: 'dateAdded' },
					{ name: 'Date Updated', value: 'dateUpdated' },
					{
						name: 'Email',
						value: 'email',
						description: 'GHL documents no sort by this field: it may ignore it',
					},
					{ name: 'First Name', value: 'firstNameLowerCase' },
					{
						name: 'Last Name',
						value: 'lastNameLowerCase',
						description: 'GHL documents no sort by this field: it may ignore it',
					},
				],
				default: 'dateAdded',
			},
		],
	},
];

interface FilterInput {
	assignedTo?: unknown;
	dateAddedAfter?: unknown;
	dateAddedBefore?: unknown;
	dateUpdatedAfter?: unknown;
	dateUpdatedBefore?: unknown;
	dnd?: boolean;
	email?: string;
	phone?: string;
	rawFilters?: unknown;
	tags?: unknown;
}

const isSet = (value: unknown) =>
	value !== undefined && value !== null && String(value).trim() !== '';

/**
 * The parts of a `POST /contacts/search` body that select and order contacts (query, filters,
 * sort), checked before anything is sent. Paging fields are the caller's.
 */
export function readSearchCriteria(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fail = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { description, itemIndex });
	const criteria: IDataObject = {};

	const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (query.length > MAX_SEARCH_TEXT) {
		throw fail(
			`Search Query is too long (${query.length} characters)`,
			`GHL accepts at most ${MAX_SEARCH_TEXT} characters; shorten it or use filters.`,
		);
	}
	if (query) criteria.query = query;

	const input = this.getNodeParameter('filters', itemIndex, {}) as FilterInput;
	const filters: IDataObject[] = [];
	const checkLength = (label: string, value: string) => {
		if (value.length > MAX_SEARCH_TEXT) {
			throw fail(
				`${label} is too long`,
				`GHL accepts filter values of at most ${MAX_SEARCH_TEXT} characters.`,
			);
		}
		return value;
	};
	const tags = toList(input.tags, ...listFieldEntries.call(this, 'filters.tagList', itemIndex));
	for (const tag of tags) {
		filters.push({ field: 'tags', operator: 'eq', value: checkLength('Tag', tag.toLowerCase()) });
	}
	const range = (field: string, label: string, after: unknown, before: unknown) => {
		const bounds: IDataObject = {};
		if (isSet(after)) bounds.gte = toIsoDateTime.call(this, after, `${label} After`, itemIndex);
		if (isSet(before)) bounds.lte = toIsoDateTime.call(this, before, `${label} Before`, itemIndex);
		if (
			bounds.gte &&
			bounds.lte &&
			Date.parse(String(bounds.gte)) > Date.parse(String(bounds.lte))
		) {
			throw fail(`${label} After is later than ${label} Before`, 'Swap the two dates.');
		}
		if (Object.keys(bounds).length > 0) filters.push({ field, operator: 'range', value: bounds });
	};
	range('dateAdded', 'Date Added', input.dateAddedAfter, input.dateAddedBefore);
	range('dateUpdated', 'Date Updated', input.dateUpdatedAfter, input.dateUpdatedBefore);
	const assignedTo = isSet(input.assignedTo)
		? String(
				this.getNodeParameter('filters.assignedTo', itemIndex, '', { extractValue: true }) ?? '',
			).trim()
		: '';
	if (assignedTo) filters.push({ field: 'assignedTo', operator: 'eq', value: assignedTo });
	if (isSet(input.email)) {
		const email = checkEmail.call(this, String(input.email), 'Email filter', itemIndex);
		filters.push({ field: 'email', operator: 'eq', value: checkLength('Email filter', email) });
	}
	if (isSet(input.phone)) {
		const phone = checkLookupPhone.call(this, String(input.phone), 'Phone filter', itemIndex);
		filters.push({ field: 'phone', operator: 'eq', value: phone });
	}
	if (typeof input.dnd === 'boolean')
		filters.push({ field: 'dnd', operator: 'eq', value: input.dnd });
	filters.push(...parseRawFilters(input.rawFilters, fail));
	if (filters.length > 0) criteria.filters = filters;

	const sort = this.getNodeParameter('sort', itemIndex, {}) as {
		field?: string;
		direction?: string;
	};
	if (sort.field || sort.direction) {
		criteria.sort = [{ field: sort.field ?? 'dateAdded', direction: sort.direction ?? 'desc' }];
	}
	return criteria;
}

function parseRawFilters(
	raw: unknown,
	fail: (message: string, description: string) => Error,
): IDataObject[] {
	if (raw === undefined || raw === null || raw === '') return [];
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch (error) {
			throw fail(`Raw Filters is not valid JSON: ${(error as Error).message}`, RAW_FILTERS_HELP);
		}
	}
	if (!Array.isArray(parsed)) throw fail('Raw Filters must be a JSON array', RAW_FILTERS_HELP);
	parsed.forEach((filter, index) => {
		const entry = filter as IDataObject | null;
		const valid =
			entry !== null &&
			typeof entry === 'object' &&
			!Array.isArray(entry) &&
			((typeof entry.field === 'string' && typeof entry.operator === 'string') ||
				(typeof entry.group === 'string' && Array.isArray(entry.filters)));
		if (!valid) {
			throw fail(`Raw Filters entry ${index + 1} is not a filter`, RAW_FILTERS_HELP);
		}
	});
	return parsed as IDataObject[];
}

const RAW_FILTERS_HELP =
	'Use e.g. [{"field":"city","operator":"eq","value":"austin"}] or [{"group":"OR","filters":[...]}].';
