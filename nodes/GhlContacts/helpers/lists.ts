/**
 * Turns what a user enters for a list (an array from an expression, text separated by commas,
 * or a mix of both across several entries) into trimmed, distinct, non-empty values, in order.
 */
export function toList(...entries: unknown[]): string[] {
	const values = entries
		.flat(Infinity)
		.filter((entry) => entry !== undefined && entry !== null)
		.flatMap((entry) => String(entry).split(','))
		.map((value) => value.trim())
		.filter(Boolean);
	return [...new Set(values)];
}
