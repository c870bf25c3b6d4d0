import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { componentDocuments, dereference, specOperation } from './spec';
import type { Schema, SpecOperation } from './spec';
import { RESPONSE_OVERRIDES, supplementBody } from './specSupplements';

function createAjv(coerceTypes: boolean): Ajv {
	// Not strict: the spec carries OpenAPI keywords (`example`, `nullable` is understood by ajv).
	const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
	addFormats(ajv);
	for (const doc of componentDocuments()) ajv.addSchema(doc);
	return ajv;
}

const strictAjv = createAjv(false);
/** Query and path values arrive as strings; numbers and booleans are read from them, as NestJS does. */
const coercingAjv = createAjv(true);
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: Schema, ajv = strictAjv): ValidateFunction {
	let validate = compiled.get(key);
	if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
	return validate;
}

/** `/customFields/0/id` → `customFields.0.id` (class-validator's property paths). */
function propertyPath(instancePath: string, child?: string): string {
	const parts = instancePath.split('/').filter(Boolean);
	if (child !== undefined) parts.push(child);
	return parts.join('.');
}

const TYPE_MESSAGES: Record<string, string> = {
	string: 'must be a string',
	boolean: 'must be a boolean value',
	number: 'must be a number conforming to the specified constraints',
	integer: 'must be an integer number',
	array: 'must be an array',
	object: 'must be an object',
};

/** One ajv error in class-validator's words (`email must be an email`). */
function describe(error: ErrorObject, root: string): string {
	const path = propertyPath(error.instancePath) || root;
	const p = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'required':
			return `${propertyPath(error.instancePath, String(p.missingProperty))} should not be empty`;
		case 'additionalProperties':
			return `property ${propertyPath(error.instancePath, String(p.additionalProperty))} should not exist`;
		case 'type': {
			const message = TYPE_MESSAGES[String(p.type).split(',')[0]] ?? `must be of type ${p.type}`;
			const parts = error.instancePath.split('/');
			// Array items are reported for the array, as class-validator's `each: true` does.
			if (/^\d+$/.test(parts[parts.length - 1] ?? '')) {
				return `each value in ${propertyPath(parts.slice(0, -1).join('/'))} ${message}`;
			}
			return `${path} ${message}`;
		}
		case 'minLength':
			return p.limit === 1
				? `${path} should not be empty`
				: `${path} must be longer than or equal to ${p.limit} characters`;
		case 'maxLength':
			return `${path} must be shorter than or equal to ${p.limit} characters`;
		case 'minimum':
			return `${path} must not be less than ${p.limit}`;
		case 'maximum':
			return `${path} must not be greater than ${p.limit}`;
		case 'enum':
			return `${path} must be one of the following values: ${(p.allowedValues as unknown[]).join(', ')}`;
		case 'format':
			return p.format === 'email'
				? `${path} must be an email`
				: `${path} must be a valid ${p.format}`;
		case 'anyOf':
		case 'oneOf':
			return `${path} must match one of the allowed shapes`;
		default:
			return `${path} ${error.message ?? 'is invalid'}`;
	}
}

/**
 * class-validator messages for ajv's errors. Errors inside an `anyOf` are the failed attempts
 * of each alternative; only the `anyOf` verdict is reported for them.
 */
function messages(errors: ErrorObject[] | null | undefined, root: string): string[] {
	if (!errors) return [];
	const alternatives = errors
		.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
		.map((e) => e.instancePath);
	const kept = errors.filter(
		(e) =>
			e.keyword === 'anyOf' ||
			e.keyword === 'oneOf' ||
			!alternatives.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)),
	);
	return [...new Set(kept.map((e) => describe(e, root)))];
}

function parameterSchema(op: SpecOperation, location: 'path' | 'query'): Schema | undefined {
	const params = op.parameters.filter((p) => p.in === location);
	if (params.length === 0) return undefined;
	return {
		type: 'object',
		properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
		required: params.filter((p) => p.required).map((p) => p.name),
	};
}

/**
 * The body schema the sandbox enforces: the spec's (plus supplements), closed to unknown
 * properties because GHL's ValidationPipe runs with `forbidNonWhitelisted`.
 */
function bodySchema(op: SpecOperation): Schema | undefined {
	const schema = supplementBody(op.operationId, op.requestBody && dereference(op.requestBody));
	if (!schema || schema.type !== 'object') return schema;
	return { ...schema, additionalProperties: false };
}

export interface RequestParts {
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	body: unknown;
}

/**
 * Problems with a request, one message per problem (empty when valid). Unknown query
 * parameters are let through: clients add cache-busters and the like, and GHL's answer is unknown.
 */
export function validateRequest(op: SpecOperation, req: RequestParts): string[] {
	const problems: string[] = [];
	for (const location of ['path', 'query'] as const) {
		const schema = parameterSchema(op, location);
		if (!schema) continue;
		const validate = validator(`${op.operationId}:${location}`, schema, coercingAjv);
		const values = { ...(location === 'path' ? req.params : req.query) };
		if (!validate(values)) problems.push(...messages(validate.errors, location));
	}
	const body = bodySchema(op);
	if (body) {
		const validate = validator(`${op.operationId}:body`, body);
		// NestJS hands an absent body to the validator as `{}`.
		if (!validate(req.body ?? {})) problems.push(...messages(validate.errors, 'body'));
	}
	return problems;
}

/**
 * Problems with a response against the spec's schema for that operation and status (with the
 * documented overrides); empty when it conforms or the spec has no schema for it.
 */
export function validateResponse(operationId: string, status: number, body: unknown): string[] {
	const schema =
		RESPONSE_OVERRIDES[operationId]?.[String(status)] ??
		specOperation(operationId)?.responses[String(status)];
	if (!schema) return [];
	const validate = validator(`${operationId}:response:${status}`, schema);
	if (validate(body)) return [];
	return (validate.errors ?? []).map(
		(e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} (${e.schemaPath})`,
	);
}
