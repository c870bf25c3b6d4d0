import { applyCustomFields } from './customFields';
import { calendarDateIso, parseCalendarDate } from './dates';
import { unprocessable } from './errors';
import type { ContactRecord, DndChannel, DndSetting } from './records';
import { DND_CHANNELS } from './records';
import type { World } from './world';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Plain text fields of the create/update/upsert bodies; `null` clears them. */
const TEXT_FIELDS = [
	'firstName',
	'lastName',
	'companyName',
	'address1',
	'city',
	'state',
	'country',
	'postalCode',
	'website',
	'timezone',
	'source',
	'gender',
	'assignedTo',
] as const;

/** E.164 form of a phone number (`+1 888-888-8888` → `+18888888888`); undefined when it has too few digits. */
export function normalizePhone(raw: string): string | undefined {
	const digits = raw.replace(/\D/g, '');
	if (digits.length < 7 || digits.length > 15) return undefined;
	if (raw.trim().startsWith('+')) return `+${digits}`;
	// GHL assumes the location's country (US here) for national numbers.
	if (digits.length === 10) return `+1${digits}`;
	return `+${digits}`;
}

/** GHL stores tags trimmed and lower-cased, without duplicates. */
export function normalizeTags(tags: readonly unknown[]): string[] {
	const out: string[] = [];
	for (const tag of tags) {
		const name = String(tag).trim().toLowerCase();
		if (name && !out.includes(name)) out.push(name);
	}
	return out;
}

export function requireStringArray(value: unknown, field: string): string[] {
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw unprocessable(`${field} must be an array of strings`);
	}
	return value as string[];
}

export function blankContact(world: World, locationId: string, now: number): ContactRecord {
	return {
		id: world.newId(),
		locationId,
		type: 'lead',
		dnd: false,
		dndSettings: {},
		tags: [],
		customFields: [],
		followers: [],
		campaigns: [],
		workflows: [],
		dateAdded: now,
		dateUpdated: now,
	};
}

function optionalText(value: unknown, field: string): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value !== 'string') throw unprocessable(`${field} must be a string`);
	return value.trim() === '' ? undefined : value.trim();
}

function dndSettings(
	value: unknown,
	current: ContactRecord['dndSettings'],
): ContactRecord['dndSettings'] {
	if (typeof value !== 'object' || value === null)
		throw unprocessable('dndSettings must be an object');
	const next: Partial<Record<DndChannel, DndSetting>> = { ...current };
	for (const [channel, setting] of Object.entries(value as Record<string, unknown>)) {
		if (!(DND_CHANNELS as readonly string[]).includes(channel)) continue;
		const status = (setting as DndSetting | null)?.status;
		if (status !== 'active' && status !== 'inactive' && status !== 'permanent') {
			throw unprocessable(
				`dndSettings.${channel}.status must be one of active, inactive, permanent`,
			);
		}
		next[channel as DndChannel] = setting as DndSetting;
	}
	return next;
}

/**
 * A new version of `base` with the writable fields of a create/update/upsert body applied
 * (fields absent from the body keep their value). The caller stamps `dateUpdated`.
 */
export function applyContactInput(
	world: World,
	base: ContactRecord,
	input: Record<string, unknown>,
): Mutable<ContactRecord> {
	const next: Mutable<ContactRecord> = { ...base };
	for (const field of TEXT_FIELDS) {
		if (field in input) next[field] = optionalText(input[field], field);
	}
	if (typeof input.name === 'string' && !('firstName' in input) && !('lastName' in input)) {
		const [first, ...rest] = input.name.trim().split(/\s+/);
		next.firstName = first || undefined;
		next.lastName = rest.length > 0 ? rest.join(' ') : undefined;
	}
	if ('email' in input) {
		const email = optionalText(input.email, 'email');
		if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
			throw unprocessable('email must be an email');
		}
		next.email = email;
	}
	if ('phone' in input) {
		const phone = optionalText(input.phone, 'phone');
		next.phone = phone === undefined ? undefined : normalizePhone(phone);
		if (phone !== undefined && next.phone === undefined) {
			throw unprocessable('phone must be a valid phone number');
		}
	}
	if ('dateOfBirth' in input) {
		const raw = optionalText(input.dateOfBirth, 'dateOfBirth');
		const date = raw === undefined ? undefined : parseCalendarDate(raw);
		if (raw !== undefined && !date) throw unprocessable('dateOfBirth must be a valid date');
		next.dateOfBirth = date && calendarDateIso(date);
	}
	if ('dnd' in input && input.dnd !== undefined) {
		if (typeof input.dnd !== 'boolean') throw unprocessable('dnd must be a boolean value');
		next.dnd = input.dnd;
	}
	if (input.dndSettings !== undefined)
		next.dndSettings = dndSettings(input.dndSettings, base.dndSettings);
	if (input.inboundDndSettings !== undefined) {
		next.inboundDndSettings = input.inboundDndSettings as ContactRecord['inboundDndSettings'];
	}
	if (input.tags !== undefined && input.tags !== null) {
		next.tags = normalizeTags(requireStringArray(input.tags, 'tags'));
	}
	if (input.customFields !== undefined && input.customFields !== null) {
		const definitions = world.customFields.filter(
			(d) => d.locationId === base.locationId && d.model === 'contact',
		);
		next.customFields = applyCustomFields(definitions, input.customFields, base.customFields);
	}
	return next;
}
