import type { ICredentialTestRequest, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { StoredCredential } from './credentialsHelper';
import { loadPackage } from './packageTypes';
import { runNode } from './runNode';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const TESTER_TYPE = 'harness.credentialTester';

/**
 * Runs a credential's declarative `test` the way n8n's credentials tester does: a throwaway
 * declarative node whose only property routes the test request, executed by n8n-core's routing
 * node with the credential applied, then the credential's `rules` checked against the response.
 */
export async function testCredential(credential: StoredCredential): Promise<CredentialTestResult> {
	const pkg = await loadPackage();
	const type = pkg.credentialTypes.get(credential.type);
	const test = type?.test as ICredentialTestRequest | undefined;
	if (!test) throw new Error(`Credential ${credential.type} declares no test`);

	const tester: INodeType = {
		description: {
			displayName: 'Credential Tester',
			name: 'credentialTester',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Tester' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credential.type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: {
						request: { ...test.request, returnFullResponse: true },
					},
				},
			],
		},
	};
	pkg.registerHarnessType(TESTER_TYPE, tester);

	const result = await runNode({
		type: TESTER_TYPE,
		parameters: { temp: '' },
		credentials: [credential],
	});
	// As n8n's tester: an error status (axios rejects anything but 2xx) is matched against the
	// rules by the status n8n's error keeps; without a rule it is an error naming the status.
	if (result.error) {
		const status = Number((result.error as { httpCode?: unknown }).httpCode);
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && status === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return {
			status: 'Error',
			message: Number.isFinite(status)
				? `Received HTTP status code: ${status}`
				: result.error.message,
		};
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
