import { calendarDateIso, parseCalendarDate } from './dates';
import { unprocessable } from './errors';
import { isRecord } from './json';
import type { CustomFieldDefinition, CustomFieldEntry, CustomFieldValue } from './records';

function findDefinition(
	definitions: readonly CustomFieldDefinition[],
	item: Record<string, unknown>,
): CustomFieldDefinition | undefined {
	if (typeof item.id === 'string' && item.id !== '') {
		return definitions.find((d) => d.id === item.id);
	}
	const key = item.key;
	if (typeof key !== 'string') return undefined;
	return definitions.find((d) => d.fieldKey === key || d.fieldKey === `contact.${key}`);
}

/** Stored value for a definition's dataType; `undefined` clears the field. */
function coerce(definition: CustomFieldDefinition, raw: unknown): CustomFieldValue | undefined {
	if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) return undefined;
	const invalid = (expected: string) =>
		unprocessable(`customFields: ${definition.fieldKey} (${definition.id}) expects ${expected}`);
	switch (definition.dataType) {
		case 'NUMERICAL':
		case 'MONETORY': {
			const n = typeof raw === 'string' ? Number(raw.trim()) : raw;
			if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid('a number');
			return n;
		}
		case 'CHECKBOX':
		case 'MULTIPLE_OPTIONS': {
			const values = Array.isArray(raw) ? raw : [raw];
			if (values.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
				throw invalid('a list of strings');
			}
			return values.map(String);
		}
		case 'DATE': {
			const date =
				typeof raw === 'number' ? new Date(raw).toISOString() : typeof raw === 'string' ? raw : '';
			const parsed = parseCalendarDate(date);
			if (!parsed) throw invalid('a date');
			return calendarDateIso(parsed).slice(0, 10);
		}
		case 'FILE_UPLOAD':
			if (!isRecord(raw)) throw invalid('an object of files');
			return raw;
		default:
			if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
				throw invalid('a string');
			}
			return String(raw);
	}
}

/**
 * Applies custom field input (`[{id | key, field_value | value}]`) onto the current values.
 * Fields not named keep their value, as in GHL; an empty value clears the field.
 */
export function applyCustomFields(
	definitions: readonly CustomFieldDefinition[],
	input: unknown,
	current: readonly CustomFieldEntry[],
): CustomFieldEntry[] {
	if (!Array.isArray(input)) throw unprocessable('customFields must be an array');
	const values = new Map(current.map((entry) => [entry.id, entry.value]));
	const unknown: string[] = [];
	for (const item of input) {
		if (!isRecord(item)) throw unprocessable('each value in customFields must be an object');
		const definition = findDefinition(definitions, item);
		if (!definition) {
			unknown.push(
				typeof item.id === 'string' && item.id !== ''
					? `customFields: no custom field with id ${item.id}`
					: `customFields: no custom field with key ${String(item.key)}`,
			);
			continue;
		}
		const value = coerce(definition, 'field_value' in item ? item.field_value : item.value);
		if (value === undefined) values.delete(definition.id);
		else values.set(definition.id, value);
	}
	if (unknown.length > 0) throw unprocessable(...unknown);
	return [...values].map(([id, value]) => ({ id, value }));
}
