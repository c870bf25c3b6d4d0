/**
 * Turns what a user enters for a list (text separated by commas, an array from an expression, or
 * a mix of both across several entries, one argument each) into trimmed, distinct, non-empty
 * values, in order. Only text is split: an array's elements are values already, so a tag
 * "Smith, John" mapped as ["Smith, John"] stays one tag.
 */
export function toList(...entries: unknown[]): string[] {
	const values = entries
		.filter((entry) => entry !== undefined && entry !== null)
		.flatMap((entry) =>
			Array.isArray(entry)
				? entry.flat(Infinity).filter((value) => value !== undefined && value !== null)
				: String(entry).split(','),
		)
		.map((value) => String(value).trim())
		.filter(Boolean);
	return [...new Set(values)];
}
