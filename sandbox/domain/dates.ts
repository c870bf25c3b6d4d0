import { unprocessable } from './errors';

export function iso(epochMs: number): string {
	return new Date(epochMs).toISOString();
}

/** Epoch ms from an ISO string, an epoch-ms number or a numeric string; undefined when unreadable. */
export function toEpochMs(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value);
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export function requireEpochMs(value: unknown, field: string): number {
	const ms = toEpochMs(value);
	if (ms === undefined) throw unprocessable(`${field} must be a valid ISO 8601 date string`);
	return ms;
}

/**
 * A calendar date in any of the forms GHL accepts for `dateOfBirth` (YYYY-MM-DD, MM/DD/YYYY, with
 * `-`, `/`, `.` or `_` separators, or a full ISO timestamp); undefined when unreadable.
 */
export function parseCalendarDate(value: string): { y: number; m: number; d: number } | undefined {
	const text = value.trim();
	let match = /^(\d{4})[-/._](\d{1,2})[-/._](\d{1,2})(?:T.*)?$/.exec(text);
	let parts: [string, string, string] | undefined;
	if (match) parts = [match[1], match[2], match[3]];
	else if ((match = /^(\d{1,2})[-/._](\d{1,2})[-/._](\d{4})$/.exec(text))) {
		parts = [match[3], match[1], match[2]];
	}
	if (!parts) return undefined;
	const [y, m, d] = parts.map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
	return { y, m, d };
}

export function calendarDateIso(value: { y: number; m: number; d: number }): string {
	return new Date(Date.UTC(value.y, value.m - 1, value.d)).toISOString();
}
