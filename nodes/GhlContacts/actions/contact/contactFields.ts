import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GhlConnection } from '../../../shared/transport';
import { checkEmail, checkPhone, toBirthDate } from '../../helpers/contactInput';
import { customFieldsInput, readCustomFieldsInput } from '../../helpers/customFields';
import { readUserId, userLocator } from '../../helpers/userField';
import { listFieldEntries } from '../listField';
import { tagsField } from '../tag/tagsField';

export type ContactWrite = 'create' | 'upsert' | 'update';

/** Where each operation keeps its optional fields. */
export const FIELDS_COLLECTION: Record<ContactWrite, string> = {
	create: 'additionalFields',
	upsert: 'additionalFields',
	update: 'updateFields',
};

const text = (name: string, displayName: string, extra: Partial<INodeProperties> = {}) =>
	({ displayName, name, type: 'string', default: '', ...extra }) as INodeProperties;

/**
 * The contact's writable fields, per the spec's DTOs: update has no company name, gender or
 * location; email and phone are top-level fields of create and upsert.
 */
function fieldsFor(operation: ContactWrite): INodeProperties[] {
	const onUpdate = operation === 'update';
	const fields: Array<INodeProperties | false> = [
		text('address1', 'Address', { placeholder: 'e.g. 3535 1st St N' }),
		userLocator('assignedTo', 'Assigned To', 'The user the contact is assigned to'),
		text('city', 'City'),
		!onUpdate && text('companyName', 'Company Name'),
		text('country', 'Country', {
			placeholder: 'e.g. US',
			description: 'Two-letter ISO country code',
		}),
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'dateTime',
			default: '',
			description: 'The calendar date as written (YYYY-MM-DD, MM/DD/YYYY or a picked date)',
		},
		{
			displayName: 'DND',
			name: 'dnd',
			type: 'boolean',
			default: false,
			description: 'Whether Do Not Disturb is on for all channels',
		},
		onUpdate && text('email', 'Email', { placeholder: 'name@email.com' }),
		text('firstName', 'First Name'),
		text('name', 'Full Name', {
			description: 'Used when First Name and Last Name are not given',
		}),
		!onUpdate && text('gender', 'Gender', { placeholder: 'e.g. female' }),
		text('lastName', 'Last Name'),
		onUpdate && text('phone', 'Phone', { placeholder: 'e.g. +1 888-888-8888' }),
		text('postalCode', 'Postal Code'),
		text('source', 'Source', { placeholder: 'e.g. public api' }),
		text('state', 'State', { placeholder: 'e.g. AL' }),
		{
			...tagsField(
				onUpdate
					? 'Replaces ALL tags of the contact with these; to add or remove single tags use the Tag resource'
					: 'Tags of the new contact; several typed tags may be separated by commas',
			),
			required: false,
		},
		text('timezone', 'Timezone', { placeholder: 'e.g. America/Chicago' }),
		text('website', 'Website', { placeholder: 'e.g. https://example.com' }),
	];
	if (operation === 'upsert') {
		fields.push({
			displayName: 'Create New If Duplicates Allowed',
			name: 'createNewIfDuplicateAllowed',
			type: 'boolean',
			default: false,
			description:
				'Whether to always create a new contact when the location allows duplicates (otherwise a match by email or phone is updated)',
		});
	}
	return fields.filter((field): field is INodeProperties => field !== false);
}

/** The fields of a write operation after its own top-level ones (email and phone). */
export function contactWriteFields(operation: ContactWrite): INodeProperties[] {
	return [
		{
			displayName: operation === 'update' ? 'Update Fields' : 'Additional Fields',
			name: FIELDS_COLLECTION[operation],
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: fieldsFor(operation),
		},
		customFieldsInput,
	];
}

export const emailField = text('email', 'Email', { placeholder: 'name@email.com' });
export const phoneField = text('phone', 'Phone', {
	placeholder: 'e.g. +1 888-888-8888',
	description: 'In international form: + and country code, then the number',
});

const isSet = (value: unknown) =>
	value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/**
 * A create, upsert or update body: only the fields the user set, each checked (email, phone,
 * date of birth) and named as the spec's DTO names them. `contact` holds email and phone when
 * they are top-level fields.
 */
export async function readContactBody(
	this: IExecuteFunctions,
	connection: GhlConnection,
	operation: ContactWrite,
	locationId: string,
	itemIndex: number,
	contact: IDataObject = {},
): Promise<IDataObject> {
	const collection = FIELDS_COLLECTION[operation];
	const input = {
		...(this.getNodeParameter(collection, itemIndex, {}) as IDataObject),
		...contact,
	};
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(input)) {
		if (!isSet(value) || name === 'assignedTo' || name === 'tags') continue;
		if (name === 'email') body.email = checkEmail.call(this, String(value), 'Email', itemIndex);
		else if (name === 'phone')
			body.phone = checkPhone.call(this, String(value), 'Phone', itemIndex);
		else if (name === 'dateOfBirth') {
			body.dateOfBirth = toBirthDate.call(this, value, 'Date of Birth', itemIndex);
		} else body[name] = typeof value === 'string' ? value.trim() : value;
	}
	if (input.assignedTo !== undefined) {
		const assignedTo = readUserId.call(this, `${collection}.assignedTo`, 'Assigned To', itemIndex);
		if (assignedTo) body.assignedTo = assignedTo;
	}
	if (input.tags !== undefined) {
		const tags = listFieldEntries.call(this, `${collection}.tags`, itemIndex);
		if (tags.length > 0) body.tags = tags;
	}
	const customFields = await readCustomFieldsInput.call(this, connection, locationId, itemIndex);
	if (customFields) body.customFields = customFields;
	return body;
}

/** Email and phone as typed at the top of create and upsert (empty ones left out). */
export function readEmailAndPhone(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const result: IDataObject = {};
	for (const name of ['email', 'phone']) {
		const value = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
		if (value) result[name] = value;
	}
	return result;
}

export function requireEmailOrPhone(
	this: IExecuteFunctions,
	values: IDataObject,
	purpose: string,
	itemIndex: number,
): void {
	if (!values.email && !values.phone) {
		throw new NodeOperationError(this.getNode(), 'Email and Phone are both empty', {
			description: `Enter an email, a phone number or both: ${purpose}.`,
			itemIndex,
		});
	}
}
