import businesses from './spec/businesses.json';
import campaigns from './spec/campaigns.json';
import common from './spec/common-schemas.json';
import contacts from './spec/contacts.json';
import locations from './spec/locations.json';
import oauth from './spec/oauth.json';
import users from './spec/users.json';
import workflows from './spec/workflows.json';
import { COMPONENT_OVERRIDES } from './specSupplements';

/** A JSON Schema as the spec writes it (OpenAPI 3.0 flavour: `nullable`, `example`). */
export type Schema = Record<string, unknown>;

export interface SpecParameter {
	name: string;
	in: 'path' | 'query' | 'header';
	required: boolean;
	schema: Schema;
}

export interface SpecOperation {
	operationId: string;
	method: string;
	/** As written in the spec, e.g. `/contacts/{contactId}/notes/{id}`. */
	path: string;
	/** Alternatives (any one suffices) of scope sets (all needed); undefined when none is declared. */
	security?: string[][];
	parameters: SpecParameter[];
	/** Request body schema (application/json), `$ref`s made absolute. */
	requestBody?: Schema;
	/** Response schemas by status; undefined where the spec gives none. */
	responses: Record<string, Schema | undefined>;
}

/** Base of the `$id`s under which the spec files are registered with the validator. */
export const SPEC_BASE = 'https://sandbox.ghl.local/spec/';

const FILES: Record<string, { paths?: unknown; components?: unknown }> = {
	'contacts.json': contacts,
	'locations.json': locations,
	'users.json': users,
	'workflows.json': workflows,
	'campaigns.json': campaigns,
	'businesses.json': businesses,
	// Its two agency routes; the token endpoint is oauth.ts's.
	'oauth.json': oauth,
};

/**
 * Rewrites `$ref`s to absolute ids: `#/components/...` points into the file itself and
 * `../common/common-schemas.json#/...` to the vendored `common-schemas.json` next to it.
 */
function absoluteRefs<T>(node: T, file: string): T {
	if (Array.isArray(node)) return node.map((item) => absoluteRefs(item, file)) as T;
	if (typeof node !== 'object' || node === null) return node;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(node)) {
		if (key === '$ref' && typeof value === 'string') {
			out[key] = value.startsWith('#')
				? `${SPEC_BASE}${file}${value}`
				: `${SPEC_BASE}${value.replace(/^(\.\.\/common\/)?/, '')}`;
		} else {
			out[key] = absoluteRefs(value, file);
		}
	}
	return out as T;
}

/** The components of every spec file, as schema documents for the validator (ref targets). */
export function componentDocuments(): Schema[] {
	const files = { ...FILES, 'common-schemas.json': common };
	return Object.entries(files).map(([file, doc]) => {
		const components = absoluteRefs(doc.components, file) as { schemas?: Record<string, Schema> };
		const schemas = { ...components.schemas, ...COMPONENT_OVERRIDES[file] };
		return { $id: `${SPEC_BASE}${file}`, components: { ...components, schemas } };
	});
}

/** Follows one top-level `$ref` into the components it names (nested refs stay refs). */
export function dereference(schema: Schema): Schema {
	const ref = schema.$ref;
	if (typeof ref !== 'string' || !ref.startsWith(SPEC_BASE)) return schema;
	const [file, pointer] = ref.slice(SPEC_BASE.length).split('#');
	const overridden = COMPONENT_OVERRIDES[file]?.[pointer.replace('/components/schemas/', '')];
	if (pointer.startsWith('/components/schemas/') && overridden)
		return absoluteRefs(overridden, file);
	const doc = file === 'common-schemas.json' ? common : FILES[file];
	let target: unknown = doc;
	for (const part of pointer.split('/').filter(Boolean)) {
		target = (target as Record<string, unknown>)[part];
	}
	return absoluteRefs(target as Schema, file);
}

type RawOperation = {
	operationId?: string;
	security?: Array<Record<string, string[]>>;
	parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
	requestBody?: { content?: Record<string, { schema?: Schema }> };
	responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

function readOperations(): SpecOperation[] {
	const operations: SpecOperation[] = [];
	for (const [file, doc] of Object.entries(FILES)) {
		const paths = doc.paths as Record<string, Record<string, RawOperation>>;
		for (const [path, methods] of Object.entries(paths)) {
			for (const [method, raw] of Object.entries(methods)) {
				if (!raw.operationId) continue;
				const op = absoluteRefs(raw, file);
				operations.push({
					operationId: op.operationId as string,
					method: method.toUpperCase(),
					path,
					security: op.security?.map((requirement) => Object.values(requirement).flat()),
					parameters: (op.parameters ?? []).map((p) => ({
						name: p.name,
						in: p.in as SpecParameter['in'],
						required: p.required === true,
						schema: p.schema ?? {},
					})),
					requestBody: op.requestBody?.content?.['application/json']?.schema,
					responses: Object.fromEntries(
						Object.entries(op.responses ?? {}).map(([status, response]) => [
							status,
							response.content?.['application/json']?.schema,
						]),
					),
				});
			}
		}
	}
	return operations;
}

/** Every operation of the six GHL specs the sandbox serves (OAuth lives in oauth.ts). */
export const SPEC_OPERATIONS: readonly SpecOperation[] = readOperations();

export function specOperation(operationId: string): SpecOperation | undefined {
	return SPEC_OPERATIONS.find((op) => op.operationId === operationId);
}

/** The `Version` values an operation accepts (its header parameter's enum); empty when it has none. */
export function versionsOf(op: SpecOperation): string[] {
	const header = op.parameters.find((p) => p.in === 'header' && p.name === 'Version');
	return header ? ((header.schema.enum as string[] | undefined) ?? []) : [];
}
