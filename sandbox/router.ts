import { SPEC_OPERATIONS } from './spec';
import type { SpecOperation } from './spec';
import { PATH_PARAM_VALUES } from './specSupplements';

interface Route {
	op: SpecOperation;
	/** Literal segments as strings; parameters as `{ param }`. */
	segments: Array<string | { param: string }>;
}

export interface RouteMatch {
	op: SpecOperation;
	params: Record<string, string>;
}

function segmentsOf(path: string): string[] {
	return path.split('/').filter(Boolean);
}

function compile(op: SpecOperation): Route {
	return {
		op,
		segments: segmentsOf(op.path).map((s) => {
			const param = /^\{(.+)\}$/.exec(s);
			return param ? { param: param[1] } : s;
		}),
	};
}

/**
 * Literal segments win over parameters, position by position: `/contacts/search` before
 * `/contacts/{contactId}`, `/campaigns/removeAll` before `/campaigns/{campaignId}`.
 */
function moreSpecific(a: Route, b: Route): number {
	for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
		const aLiteral = typeof a.segments[i] === 'string';
		const bLiteral = typeof b.segments[i] === 'string';
		if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
	}
	return 0;
}

export class Router {
	private readonly routes: Route[];

	/** Routes for the spec operations that have a handler; the rest of the spec answers 404. */
	constructor(operationIds: Iterable<string>) {
		const served = new Set(operationIds);
		this.routes = SPEC_OPERATIONS.filter((op) => served.has(op.operationId)).map(compile);
	}

	/** The operation for a request, or undefined (404). A trailing slash never matters. */
	match(method: string, path: string): RouteMatch | undefined {
		const segments = segmentsOf(path);
		let best: { route: Route; params: Record<string, string> } | undefined;
		for (const route of this.routes) {
			if (route.op.method !== method || route.segments.length !== segments.length) continue;
			const params = this.bind(route, segments);
			if (params && (!best || moreSpecific(route, best.route) < 0)) best = { route, params };
		}
		return best && { op: best.route.op, params: best.params };
	}

	private bind(route: Route, segments: string[]): Record<string, string> | undefined {
		const params: Record<string, string> = {};
		for (let i = 0; i < segments.length; i++) {
			const expected = route.segments[i];
			if (typeof expected === 'string') {
				if (expected !== segments[i]) return undefined;
				continue;
			}
			let value: string;
			try {
				value = decodeURIComponent(segments[i]);
			} catch {
				return undefined;
			}
			const allowed = PATH_PARAM_VALUES[route.op.operationId]?.[expected.param];
			if (allowed && !allowed.includes(value)) return undefined;
			params[expected.param] = value;
		}
		return params;
	}
}
