/**
 * Fills a path template's `{name}` segments. Each value is checked and percent-encoded, so an ID
 * can never change which endpoint is called (`../`, `/`, `?` and `#` would otherwise reroute it).
 */
export function buildPath(template: string, params: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		return encodeURIComponent(checkPathSegment(name, params[name] ?? ''));
	});
}

export function checkPathSegment(name: string, value: string): string {
	const trimmed = value.trim();
	if (!trimmed) throw new PathParameterError(name, 'is empty: enter an ID');
	if (/[/?#\\]/.test(trimmed) || trimmed === '.' || trimmed.includes('..')) {
		throw new PathParameterError(
			name,
			`"${trimmed}" contains a character an ID cannot have (/, ?, #, \\ or ..): enter the bare ID, not a URL or path`,
		);
	}
	return trimmed;
}

export class PathParameterError extends Error {
	constructor(
		readonly parameter: string,
		reason: string,
	) {
		super(`${parameter} ${reason}`);
	}
}
