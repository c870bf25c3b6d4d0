import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime, IANAZone } from 'luxon';

/**
 * Epoch milliseconds below this (March 1973) are taken for epoch seconds given by mistake, which
 * would otherwise send a date in January 1970: refused rather than guessed.
 */
const EPOCH_MS_BEFORE_1973 = 1e11;

/**
 * A date-time parameter as GHL wants it: ISO 8601 with an offset. Accepts n8n date values
 * (strings from the date picker, luxon DateTimes and JS Dates from expressions, epoch ms) and
 * ISO or SQL-style strings. Input without a zone is read in `timezone`, else the workflow's.
 */
export function toIsoDateTime(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	timezone?: string,
): string {
	const zone = timezone?.trim() || this.getTimezone();
	if (!IANAZone.isValidZone(zone)) {
		throw new NodeOperationError(
			this.getNode(),
			`Timezone "${zone}" is not a known IANA timezone`,
			{
				description: 'Use a name such as Europe/Berlin or America/New_York.',
				itemIndex,
			},
		);
	}
	if (typeof value === 'number' && Math.abs(value) < EPOCH_MS_BEFORE_1973) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} ${value} reads as a time in early 1970: it looks like seconds, and n8n dates are milliseconds`,
			{
				description: `Map ${label} in milliseconds (e.g. {{ $json.time * 1000 }}) or as an ISO 8601 date.`,
				itemIndex,
			},
		);
	}
	const parsed = parseDateTime(value, zone);
	if (!parsed?.isValid) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} is not a valid date: "${String(value)}"`,
			{
				description: `Enter ${label} as an ISO 8601 date-time (e.g. 2026-03-01T09:30:00) or pick one.`,
				itemIndex,
			},
		);
	}
	return parsed.toISO({ suppressMilliseconds: true }) as string;
}

function parseDateTime(value: unknown, zone: string): DateTime | undefined {
	if (DateTime.isDateTime(value)) return value;
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
	if (typeof value === 'number') return DateTime.fromMillis(value, { zone });
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const text = value.trim();
	// setZone keeps an offset written in the text; zone-less text is read in `zone`.
	const iso = DateTime.fromISO(text, { zone, setZone: true });
	return iso.isValid ? iso : DateTime.fromSQL(text, { zone, setZone: true });
}
