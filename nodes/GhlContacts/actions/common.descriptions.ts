import type { INodeProperties } from 'n8n-workflow';

/** GHL record ids are 20-odd alphanumeric characters; anything with a path character is refused later. */
const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** A picker for a record the user can search for, or an ID typed or mapped from earlier nodes. */
export function idLocator(options: {
	name: string;
	displayName: string;
	searchMethod: string;
	placeholder: string;
	description?: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: ID_PATTERN, errorMessage: 'Not a valid GHL ID' },
					},
				],
			},
		],
	};
}

export const contactIdLocator = idLocator({
	name: 'contactId',
	displayName: 'Contact',
	searchMethod: 'searchContacts',
	placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
	description: 'The contact, searched by name, email or phone, or its ID',
});

export const businessIdLocator = idLocator({
	name: 'businessId',
	displayName: 'Business',
	searchMethod: 'searchBusinesses',
	placeholder: 'e.g. 63b7ec34ea409a9a8bd2a4ff',
	description: 'The business, picked from the list or as its ID',
});

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simple',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};
