import type { IDataObject } from 'n8n-workflow';

import { LIMITS, type Baselines } from './state';

/** A field's value in a comparable, storable form (tags as a sorted set). */
function valueOf(contact: IDataObject, field: string): unknown {
	const value = contact[field];
	if (field === 'tags') return Array.isArray(value) ? [...value].map(String).sort() : [];
	if (field === 'customFields' && Array.isArray(value)) {
		return [...(value as IDataObject[])].sort((a, b) => String(a.id).localeCompare(String(b.id)));
	}
	return value ?? null;
}

const valuesOf = (contact: IDataObject, fields: string[]) =>
	JSON.stringify(fields.map((field) => valueOf(contact, field)));

/**
 * The watched fields that differ from the values stored when the trigger last saw the contact,
 * with old and new values (tags also as added and removed). Undefined when none changed, or when
 * the contact has no stored values yet: without them no change can be told from no change.
 */
export function fieldChanges(
	stored: string | undefined,
	fields: string[],
	contact: IDataObject,
): IDataObject | undefined {
	if (stored === undefined) return undefined;
	const before = JSON.parse(stored) as unknown[];
	const changes: IDataObject = {};
	fields.forEach((field, i) => {
		const now = valueOf(contact, field);
		if (JSON.stringify(now) === JSON.stringify(before[i])) return;
		const change: IDataObject = { old: before[i] as IDataObject, new: now as IDataObject };
		if (field === 'tags') {
			const old = new Set(before[i] as string[]);
			const current = new Set(now as string[]);
			change.added = [...current].filter((tag) => !old.has(tag));
			change.removed = [...old].filter((tag) => !current.has(tag));
		}
		changes[field] = change;
	});
	return Object.keys(changes).length > 0 ? changes : undefined;
}

/** Stored values by contact id, when they were stored for these same fields. */
export function storedValues(
	baselines: Baselines | undefined,
	fields: string[],
): Map<string, string> {
	return new Map(baselines && baselines.fields.join() === fields.join() ? baselines.values : []);
}

/** The stored values after seeing `contacts`: theirs replace older ones, the oldest drop past the cap. */
export function rememberBaselines(
	baselines: Baselines | undefined,
	fields: string[],
	contacts: IDataObject[],
): Baselines {
	const values = storedValues(baselines, fields);
	for (const contact of contacts) {
		const id = String(contact.id);
		values.delete(id);
		values.set(id, valuesOf(contact, fields));
	}
	return { fields, values: [...values.entries()].slice(-LIMITS.baselines) };
}
