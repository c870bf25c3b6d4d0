import { normalizePhone } from './contactInput';
import { toEpochMs } from './dates';
import { forbidden, unprocessable } from './errors';
import { isRecord } from './json';
import type { ContactRecord } from './records';
import { searchItemView } from './views';
import type { World } from './world';

/** Page/pageLimit reaches this many records at most; deeper pages need `searchAfter`. */
export const MAX_PAGED_RECORDS = 10000;
export const MAX_PAGE_LIMIT = 500;
const MAX_VALUE_LENGTH = 75;

type FieldKind = 'text' | 'date' | 'boolean' | 'list';
interface FieldSpec {
	kind: FieldKind;
	get(contact: ContactRecord): string | number | boolean | readonly string[] | undefined;
	sortable?: boolean;
}

const lower = (value: string | undefined) => value?.toLowerCase();

/** Fields search can filter on (and, where marked, sort by). */
const FIELDS: Record<string, FieldSpec> = {
	id: { kind: 'text', get: (c) => c.id },
	dateAdded: { kind: 'date', get: (c) => c.dateAdded, sortable: true },
	dateUpdated: { kind: 'date', get: (c) => c.dateUpdated, sortable: true },
	dateOfBirth: { kind: 'date', get: (c) => toEpochMs(c.dateOfBirth) },
	tags: { kind: 'list', get: (c) => c.tags },
	followers: { kind: 'list', get: (c) => c.followers },
	email: { kind: 'text', get: (c) => lower(c.email), sortable: true },
	phone: { kind: 'text', get: (c) => c.phone },
	dnd: { kind: 'boolean', get: (c) => c.dnd },
	assignedTo: { kind: 'text', get: (c) => c.assignedTo },
	firstName: { kind: 'text', get: (c) => lower(c.firstName) },
	lastName: { kind: 'text', get: (c) => lower(c.lastName) },
	firstNameLowerCase: { kind: 'text', get: (c) => lower(c.firstName), sortable: true },
	lastNameLowerCase: { kind: 'text', get: (c) => lower(c.lastName), sortable: true },
	companyName: { kind: 'text', get: (c) => lower(c.companyName), sortable: true },
	businessName: { kind: 'text', get: (c) => lower(c.companyName) },
	source: { kind: 'text', get: (c) => lower(c.source) },
	type: { kind: 'text', get: (c) => c.type },
	businessId: { kind: 'text', get: (c) => c.businessId },
	city: { kind: 'text', get: (c) => lower(c.city) },
	state: { kind: 'text', get: (c) => lower(c.state) },
	country: { kind: 'text', get: (c) => lower(c.country) },
	postalCode: { kind: 'text', get: (c) => c.postalCode },
	timezone: { kind: 'text', get: (c) => c.timezone },
};

type Predicate = (contact: ContactRecord) => boolean;

function isPresent(value: ReturnType<FieldSpec['get']>): boolean {
	if (value === undefined || value === '') return false;
	return !Array.isArray(value) || value.length > 0;
}

function checkLength(value: unknown): void {
	const values = Array.isArray(value) ? value : [value];
	if (values.some((v) => typeof v === 'string' && v.length > MAX_VALUE_LENGTH)) {
		throw unprocessable(
			`filters value must be shorter than or equal to ${MAX_VALUE_LENGTH} characters`,
		);
	}
}

/** The comparable form of a filter value for a field (lower-cased text, E.164 phone, epoch ms). */
function operand(field: string, spec: FieldSpec, value: unknown): string | number | boolean {
	if (spec.kind === 'boolean') {
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
		throw unprocessable(`filters: ${field} expects a boolean value`);
	}
	if (spec.kind === 'date') {
		const ms = toEpochMs(value);
		if (ms === undefined)
			throw unprocessable(`filters: ${field} expects an ISO date or epoch milliseconds`);
		return ms;
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw unprocessable(`filters: ${field} expects a string value`);
	}
	const text = String(value);
	if (field === 'phone') return normalizePhone(text) ?? text;
	return field === 'id' || field === 'assignedTo' || field === 'businessId'
		? text
		: text.toLowerCase();
}

function equalsPredicate(spec: FieldSpec, wanted: Set<unknown>): Predicate {
	if (spec.kind !== 'list') return (c) => wanted.has(spec.get(c));
	return (c) => {
		const items = spec.get(c) as readonly string[];
		for (let i = 0; i < items.length; i++) if (wanted.has(items[i])) return true;
		return false;
	};
}

function containsText(actual: ReturnType<FieldSpec['get']>, needle: string): boolean {
	if (Array.isArray(actual)) return actual.some((item) => item.includes(needle));
	return typeof actual === 'string' && actual.includes(needle);
}

type RangeOp = 'gt' | 'gte' | 'lt' | 'lte';
type Bound = [RangeOp, number];

function rangeBounds(field: string, spec: FieldSpec, value: unknown): Bound[] {
	if (spec.kind !== 'date') throw unprocessable(`filters: range is not supported on ${field}`);
	if (!isRecord(value))
		throw unprocessable('filters: range expects an object with gt, gte, lt or lte');
	const bounds: Bound[] = [];
	for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
		if (value[op] !== undefined) bounds.push([op, operand(field, spec, value[op]) as number]);
	}
	if (bounds.length === 0)
		throw unprocessable('filters: range expects an object with gt, gte, lt or lte');
	return bounds;
}

function withinBound(actual: number, [op, bound]: Bound): boolean {
	return op === 'gt'
		? actual > bound
		: op === 'gte'
			? actual >= bound
			: op === 'lt'
				? actual < bound
				: actual <= bound;
}

function rangePredicate(field: string, spec: FieldSpec, value: unknown): Predicate {
	const bounds = rangeBounds(field, spec, value);
	return (contact) => {
		const actual = spec.get(contact);
		if (typeof actual !== 'number') return false;
		return bounds.every((bound) => withinBound(actual, bound));
	};
}

function fieldPredicate(filter: Record<string, unknown>): Predicate {
	const field = filter.field;
	if (typeof field !== 'string' || !(field in FIELDS)) {
		throw unprocessable(`filters: unsupported field ${String(field)}`);
	}
	const spec = FIELDS[field];
	const { operator, value } = filter;
	checkLength(value);
	switch (operator) {
		case 'eq':
		case 'not_eq': {
			const wanted = (Array.isArray(value) ? value : [value]).map((v) => operand(field, spec, v));
			const eq = equalsPredicate(spec, new Set(wanted));
			return operator === 'eq' ? eq : (c) => !eq(c);
		}
		case 'contains':
		case 'not_contains': {
			if (spec.kind === 'date' || spec.kind === 'boolean') {
				throw unprocessable(`filters: ${operator} is not supported on ${field}`);
			}
			if (typeof value !== 'string' || value === '') {
				throw unprocessable(`filters: ${operator} expects a non-empty string value`);
			}
			const needle = value.toLowerCase();
			const contains: Predicate = (c) => containsText(spec.get(c), needle);
			return operator === 'contains' ? contains : (c) => !contains(c);
		}
		case 'exists':
			return (c) => isPresent(spec.get(c));
		case 'not_exists':
			return (c) => !isPresent(spec.get(c));
		case 'range':
			return rangePredicate(field, spec, value);
		default:
			throw unprocessable(`filters: unsupported operator ${String(operator)} on ${field}`);
	}
}

function filterPredicate(filter: unknown): Predicate {
	if (!isRecord(filter)) throw unprocessable('filters must be an array of objects');
	if (filter.group === undefined) return fieldPredicate(filter);
	if (filter.group !== 'AND' && filter.group !== 'OR') {
		throw unprocessable('filters: group must be AND or OR');
	}
	if (!Array.isArray(filter.filters) || filter.filters.length === 0) {
		throw unprocessable('filters: a group needs a non-empty filters array');
	}
	const parts = filter.filters.map(filterPredicate);
	return filter.group === 'AND' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c));
}

/** Lower-cased text the full-text `query` runs over: names, email, phone, company. */
const searchTexts = new WeakMap<ContactRecord, string>();
function searchText(contact: ContactRecord): string {
	let text = searchTexts.get(contact);
	if (text === undefined) {
		text = [
			contact.firstName,
			contact.lastName,
			contact.email,
			contact.phone,
			contact.phone?.replace(/\D/g, ''),
			contact.companyName,
		]
			.filter(Boolean)
			.join(' ')
			.toLowerCase();
		searchTexts.set(contact, text);
	}
	return text;
}

export function queryPredicate(query: unknown): Predicate | undefined {
	if (query === undefined || query === null || query === '') return undefined;
	if (typeof query !== 'string') throw unprocessable('query must be a string');
	if (query.length > MAX_VALUE_LENGTH) {
		throw unprocessable(`query must be shorter than or equal to ${MAX_VALUE_LENGTH} characters`);
	}
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	return (c) => {
		const text = searchText(c);
		return words.every((w) => text.includes(w));
	};
}

interface SortField {
	field: string;
	descending: boolean;
}

/** Default order when the body has no `sort`: newest first. */
const DEFAULT_SORT: SortField[] = [{ field: 'dateAdded', descending: true }];

function parseSort(sort: unknown): SortField[] {
	if (sort === undefined || sort === null) return DEFAULT_SORT;
	if (!Array.isArray(sort)) throw unprocessable('sort must be an array');
	if (sort.length === 0) return DEFAULT_SORT;
	return sort.map((item) => {
		if (!isRecord(item) || typeof item.field !== 'string' || !FIELDS[item.field]?.sortable) {
			const sortable = Object.keys(FIELDS).filter((f) => FIELDS[f].sortable);
			throw unprocessable(`sort: field must be one of ${sortable.join(', ')}`);
		}
		const direction = item.direction ?? 'desc';
		if (direction !== 'asc' && direction !== 'desc') {
			throw unprocessable('sort: direction must be asc or desc');
		}
		return { field: item.field, descending: direction === 'desc' };
	});
}

type SortValue = string | number | null;

function sortValue(contact: ContactRecord, field: string): SortValue {
	const value = FIELDS[field].get(contact);
	return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** Missing values sort last in either direction; ties break on id so that paging is stable. */
function compareKeys(
	a: SortValue[],
	aId: string,
	b: SortValue[],
	bId: string,
	sort: SortField[],
): number {
	for (let i = 0; i < sort.length; i++) {
		const x = a[i];
		const y = b[i];
		if (x === y) continue;
		if (x === null) return 1;
		if (y === null) return -1;
		const order = x < y ? -1 : 1;
		return sort[i].descending ? -order : order;
	}
	return aId < bId ? -1 : aId > bId ? 1 : 0;
}

function parseCursor(searchAfter: unknown, sort: SortField[]): { keys: SortValue[]; id: string } {
	const invalid = () =>
		unprocessable(
			`searchAfter must be the searchAfter array of the last contact of the previous page (${sort.length + 1} values)`,
		);
	if (!Array.isArray(searchAfter) || searchAfter.length !== sort.length + 1) throw invalid();
	const id = searchAfter[sort.length];
	if (typeof id !== 'string') throw invalid();
	const keys = sort.map(({ field }, i): SortValue => {
		const value: unknown = searchAfter[i];
		if (value === null) return null;
		if (FIELDS[field].kind === 'date') {
			const ms = toEpochMs(value);
			if (ms === undefined) throw invalid();
			return ms;
		}
		if (typeof value !== 'string') throw invalid();
		return value;
	});
	return { keys, id };
}

function integer(value: unknown, field: string, min: number, max?: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) {
		throw unprocessable(`${field} must be an integer number`);
	}
	if (value < min) throw unprocessable(`${field} must not be less than ${min}`);
	if (max !== undefined && value > max)
		throw unprocessable(`${field} must not be greater than ${max}`);
	return value;
}

/** The first index at which `past` holds, for a `past` that, once true along `sorted`, stays true. */
function firstIndex<T>(sorted: ReadonlyArray<T>, past: (entry: T) => boolean): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (past(sorted[mid])) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/**
 * The block of `sorted` that top-level range filters on the first sort field leave: no record
 * outside it can match (they are ANDed with the rest), so the search scans only the block. A
 * date range over the order is what a read cut into date ranges sends on every request; scanning
 * the whole location for each made the sandbox's own CPU, not the latency it was told to add,
 * the pace of such a read.
 */
function sortedRange(
	sorted: ReadonlyArray<{ key: SortValue[] }>,
	{ field, descending }: SortField,
	filters: unknown[] | undefined,
): [number, number] {
	const spec = FIELDS[field];
	const bounds = (filters ?? []).flatMap((filter) =>
		isRecord(filter) && filter.field === field && filter.operator === 'range'
			? rangeBounds(field, spec, filter.value)
			: [],
	);
	if (bounds.length === 0) return [0, sorted.length];
	// Lower bounds hold from some point on when ascending, upper bounds when descending; the
	// others fail from some point on. Records without the field sort last and match no range.
	const leading = bounds.filter(([op]) => (op === 'gt' || op === 'gte') !== descending);
	const trailing = bounds.filter((bound) => !leading.includes(bound));
	const from = firstIndex(sorted, ({ key }) => {
		const value = key[0];
		return typeof value !== 'number' || leading.every((bound) => withinBound(value, bound));
	});
	const to = firstIndex(sorted, ({ key }) => {
		const value = key[0];
		return typeof value !== 'number' || !trailing.every((bound) => withinBound(value, bound));
	});
	return [from, Math.max(from, to)];
}

/** `POST /contacts/search`: filters, full text, sort, page or searchAfter paging over the (lagging) index. */
export function searchContacts(
	world: World,
	locationId: string,
	body: unknown,
): Record<string, unknown> {
	if (!isRecord(body))
		throw unprocessable('locationId should not be empty', 'pageLimit should not be empty');
	if (typeof body.locationId !== 'string' || body.locationId === '') {
		throw unprocessable('locationId should not be empty');
	}
	if (body.locationId !== locationId) throw forbidden();
	if (body.pageLimit === undefined) throw unprocessable('pageLimit should not be empty');
	const pageLimit = integer(body.pageLimit, 'pageLimit', 1, MAX_PAGE_LIMIT);
	const sort = parseSort(body.sort);
	const cursor = body.searchAfter === undefined ? undefined : parseCursor(body.searchAfter, sort);
	const page = body.page === undefined || cursor ? 1 : integer(body.page, 'page', 1);
	if (page * pageLimit > MAX_PAGED_RECORDS) {
		throw unprocessable(
			`page * pageLimit must not exceed ${MAX_PAGED_RECORDS}; use searchAfter to page further`,
		);
	}
	if (body.filters !== undefined && !Array.isArray(body.filters)) {
		throw unprocessable('filters must be an array');
	}
	const predicates = ((body.filters as unknown[] | undefined) ?? []).map(filterPredicate);
	const query = queryPredicate(body.query);
	if (query) predicates.push(query);
	const matches: Predicate =
		predicates.length === 1 ? predicates[0] : (c) => predicates.every((p) => p(c));

	const sorted = world.index.sorted(
		locationId,
		JSON.stringify(sort),
		(c) => sort.map(({ field }) => sortValue(c, field)),
		(a, b) => compareKeys(a.key, a.record.id, b.key, b.record.id, sort),
	);
	// First record strictly after the cursor.
	const start = cursor
		? firstIndex(
				sorted,
				({ key, record }) => compareKeys(key, record.id, cursor.keys, cursor.id, sort) > 0,
			)
		: 0;
	const [from, to] = sortedRange(sorted, sort[0], body.filters as unknown[] | undefined);
	const skip = (page - 1) * pageLimit;
	const contacts: Record<string, unknown>[] = [];
	let total = 0;
	let matchedAfterStart = 0;
	for (let i = from; i < to; i++) {
		const { record, key } = sorted[i];
		if (!matches(record)) continue;
		total++;
		if (i < start) continue;
		if (matchedAfterStart++ < skip || contacts.length >= pageLimit) continue;
		contacts.push(searchItemView(record, [...key, record.id]));
	}
	return { contacts, total };
}
