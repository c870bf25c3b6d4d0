import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { mayUse, resolveConnection } from '../../shared/transport';
import { CUSTOM_FIELDS_SCOPE, customFieldDefinitions } from '../helpers/customFields';

/**
 * The location's contact custom fields. When they cannot be listed (scope missing, no location,
 * request failed) the list holds one entry saying why, instead of an error, so the user sees
 * that typing the key or ID still works.
 */
export async function getCustomFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const unavailable = (reason: string) => [
		{ name: `Cannot list custom fields: ${reason}. Identify the field by Key or ID.`, value: '' },
	];
	const connection = await resolveConnection(this);
	const noScope = unavailable(`the credential lacks the ${CUSTOM_FIELDS_SCOPE} scope`);
	if (!mayUse(connection, CUSTOM_FIELDS_SCOPE)) return noScope;
	const override = String(this.getCurrentNodeParameter('locationId') ?? '').trim();
	const locationId = override || connection.locationId;
	if (!locationId) return unavailable('the credential has no location');
	try {
		const definitions = await customFieldDefinitions(this, connection, locationId);
		if (!definitions) return noScope;
		return definitions
			.map((field) => ({
				name: `${field.name} (${field.fieldKey})`,
				value: field.id,
				description: dataTypeLabel(field.dataType),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		return unavailable((error as Error).message);
	}
}

/** GHL's type names as its own editor words them (the API spells one MONETORY). */
const DATA_TYPE_LABELS: Record<string, string> = {
	CHECKBOX: 'Checkboxes',
	DATE: 'Date',
	FILE_UPLOAD: 'File upload',
	LARGE_TEXT: 'Multi-line text',
	MONETORY: 'Monetary',
	MULTIPLE_OPTIONS: 'Multiple options',
	NUMERICAL: 'Number',
	PHONE: 'Phone',
	RADIO: 'Radio select',
	SIGNATURE: 'Signature',
	SINGLE_OPTIONS: 'Single option',
	TEXT: 'Single-line text',
	TEXTBOX_LIST: 'Text box list',
};

function dataTypeLabel(dataType: string): string {
	return DATA_TYPE_LABELS[dataType] ?? dataType.toLowerCase().replace(/_/g, ' ');
}
