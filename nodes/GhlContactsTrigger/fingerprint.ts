/** FNV-1a, 32 bits, base 36: enough to notice that a value changed, in a few bytes. */
export function hashText(text: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0).toString(36);
}

/** Fields GHL moves without a change anyone made: paging plumbing and activity stamps. */
const VOLATILE = new Set(['searchAfter', 'dateUpdated', 'lastActivity', 'lastSessionActivityAt']);

/** A value in one canonical form: object keys and list entries sorted (GHL's order varies). */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) {
		return value
			.map((item) => JSON.stringify(canonical(item) ?? null))
			.sort()
			.map((text) => JSON.parse(text) as unknown);
	}
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
	);
}

/** What a contact holds, as a short hash: equal for two reads of the same version. */
export function contactFingerprint(contact: Record<string, unknown>): string {
	const content = Object.fromEntries(Object.entries(contact).filter(([key]) => !VOLATILE.has(key)));
	return hashText(JSON.stringify(canonical(content)));
}
