import contactsSpec from '../../sandbox/spec/contacts.json';
import locationsSpec from '../../sandbox/spec/locations.json';
import usersSpec from '../../sandbox/spec/users.json';
import workflowsSpec from '../../sandbox/spec/workflows.json';
import campaignsSpec from '../../sandbox/spec/campaigns.json';
import businessesSpec from '../../sandbox/spec/businesses.json';
import oauthSpec from '../../sandbox/spec/oauth.json';
import { ENDPOINTS, type Endpoint } from '../../nodes/shared/transport/endpoints';

interface SpecOperation {
	operationId: string;
	requestBody?: { required?: boolean; content?: Record<string, unknown> };
	security?: Array<Record<string, string[]>>;
}
type Spec = { paths: Record<string, Record<string, SpecOperation>> };

const specs = [
	contactsSpec,
	locationsSpec,
	usersSpec,
	workflowsSpec,
	campaignsSpec,
	businessesSpec,
	oauthSpec,
] as unknown as Spec[];
const byOperationId = new Map<
	string,
	{ method: string; path: string; scopes: string[]; bodyRequired: boolean; form: boolean }
>();
for (const spec of specs) {
	for (const [path, operations] of Object.entries(spec.paths)) {
		for (const [method, operation] of Object.entries(operations)) {
			const scopes = (operation.security ?? []).flatMap((requirement) =>
				Object.values(requirement).flat(),
			);
			byOperationId.set(operation.operationId, {
				method: method.toUpperCase(),
				path,
				scopes,
				bodyRequired: operation.requestBody?.required === true,
				form: operation.requestBody?.content?.['application/x-www-form-urlencoded'] !== undefined,
			});
		}
	}
}

describe('endpoint table', () => {
	it('covers all 32 operations of the Contacts spec', () => {
		const contactOperations = Object.values((contactsSpec as unknown as Spec).paths).flatMap(
			(ops) => Object.values(ops).map((op) => op.operationId),
		);
		expect(contactOperations).toHaveLength(32);
		for (const operationId of contactOperations) expect(ENDPOINTS).toHaveProperty([operationId]);
	});

	it.each(Object.entries(ENDPOINTS))(
		'%s matches the spec (method, path, scope, required body, body encoding)',
		(operationId, endpoint) => {
			const spec = byOperationId.get(operationId);
			expect(spec).toBeDefined();
			expect(endpoint.method).toBe(spec!.method);
			expect(endpoint.path).toBe(spec!.path);
			// The two bulk routes declare no security; they are held to contacts.write.
			const expected = spec!.scopes.length ? spec!.scopes : ['contacts.write'];
			expect(expected).toContain(endpoint.scope);
			expect((endpoint as Endpoint).bodyRequired === true).toBe(spec!.bodyRequired);
			expect((endpoint as Endpoint).form === true).toBe(spec!.form);
		},
	);
});
