import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

/**
 * International (E.164: +, a country code not starting with 0, 7 to 15 digits) or national (7 to
 * 15 digits, which may start with 0, as in 020 7946 0958), once separators are removed.
 */
const PHONE_PATTERN = /^(?:\+[1-9]\d{6,14}|\d{7,15})$/;
const PHONE_SEPARATORS = /[\s().-]/g;
/** The calendar formats GHL documents for dateOfBirth, besides ISO 8601. */
const BIRTH_DATE_FORMATS = ['yyyy/MM/dd', 'MM/dd/yyyy', 'MM-dd-yyyy', 'yyyy.MM.dd', 'MM.dd.yyyy'];

/**
 * name@domain.tld: one @ with text before it, no whitespace, a dot inside the domain. Checked
 * with single scans rather than a pattern, whose backtracking was quadratic on long values.
 */
function isEmail(text: string): boolean {
	if (/\s/.test(text)) return false;
	const at = text.indexOf('@');
	if (at <= 0 || at !== text.lastIndexOf('@')) return false;
	const domain = text.slice(at + 1);
	const dot = domain.indexOf('.', 1);
	return dot !== -1 && dot < domain.length - 1;
}

/** A refused value as the error quotes it: a mapped megabyte would make a megabyte message. */
const quoted = (value: string) => `"${value.length > 80 ? `${value.slice(0, 77)}...` : value}"`;

function invalid(ctx: IExecuteFunctions, message: string, description: string, itemIndex: number) {
	return new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
}

export function checkEmail(
	this: IExecuteFunctions,
	value: string,
	label: string,
	itemIndex: number,
): string {
	const email = value.trim();
	if (!isEmail(email)) {
		throw invalid(
			this,
			`${label} is not a valid email address: ${quoted(value)}`,
			`Enter ${label} as name@example.com.`,
			itemIndex,
		);
	}
	return email;
}

/** Phone numbers are sent as written (GHL normalises them), once they look like one. */
export function checkPhone(
	this: IExecuteFunctions,
	value: string,
	label: string,
	itemIndex: number,
): string {
	const phone = value.trim();
	if (!PHONE_PATTERN.test(phone.replace(PHONE_SEPARATORS, ''))) {
		throw invalid(
			this,
			`${label} is not a valid phone number: ${quoted(value)}`,
			`Enter ${label} with 7 to 15 digits, in international (E.164) form (+ and country code, e.g. +1 888-888-8888) or national form (e.g. 020 7946 0958). Spaces, dashes, dots and brackets are allowed.`,
			itemIndex,
		);
	}
	return phone;
}

/**
 * A phone number for an exact-match lookup (search `eq`, Find Duplicate). GHL stores numbers in
 * E.164, so the number goes without separators: "+1 (555) 010-2030" looks up "+15550102030". A
 * national number (no +) cannot become E.164 without its country and goes as digits only.
 */
export function checkLookupPhone(
	this: IExecuteFunctions,
	value: string,
	label: string,
	itemIndex: number,
): string {
	return checkPhone.call(this, value, label, itemIndex).replace(PHONE_SEPARATORS, '');
}

/**
 * A date of birth as GHL stores it (YYYY-MM-DD). It is a calendar date, so the date written in
 * the input is kept whatever its zone, instead of being shifted into the workflow's timezone.
 */
export function toBirthDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	const parsed = parseBirthDate(value);
	if (!parsed?.isValid) {
		throw invalid(
			this,
			`${label} is not a valid date: "${String(value)}"`,
			`Enter ${label} as YYYY-MM-DD (e.g. 1990-09-25), MM/DD/YYYY, or pick a date.`,
			itemIndex,
		);
	}
	return parsed.toISODate() as string;
}

function parseBirthDate(value: unknown): DateTime | undefined {
	if (DateTime.isDateTime(value)) return value;
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' });
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	const iso = DateTime.fromISO(text, { setZone: true });
	if (iso.isValid) return iso;
	for (const format of BIRTH_DATE_FORMATS) {
		const parsed = DateTime.fromFormat(text, format);
		if (parsed.isValid) return parsed;
	}
	return undefined;
}
