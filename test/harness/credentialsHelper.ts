import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow as WorkflowClass } from 'n8n-workflow';

import type { LoadedPackage } from './packageTypes';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const expressionNode: INode = {
	id: 'credential-resolver',
	name: 'credential-resolver',
	type: 'harness.start',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * Does what n8n's server-side credentials helper does for a node at run time, from the stored
 * (decrypted) data: fill defaults from the credential's properties (merged over its `extends`
 * parents), resolve expression defaults with `$self`, apply a declarative (`generic`)
 * `authenticate`, and persist refreshed OAuth token data so tests can assert on it.
 *
 * Like n8n's (1.123 and 2.41), it reads the stored credential afresh for every request and
 * writes refreshed tokens back to the store: `stored` plays n8n's database, which every process
 * of a queue-mode setup shares (see `anotherProcess`).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Every OAuth token update n8n-core asked this process to persist, in order. */
	readonly tokenUpdates: ICredentialDataDecryptedObject[] = [];
	/**
	 * Runs between n8n's refresh answer and its database write: a test holds it to choose when
	 * the other processes see the new tokens.
	 */
	beforeTokenSave?: () => Promise<void>;

	constructor(
		private readonly pkg: LoadedPackage,
		readonly stored = new Map<string, StoredCredential>(),
	) {
		super();
	}

	/** The credentials helper of another n8n process (a worker) on the same database. */
	anotherProcess(): HarnessCredentialsHelper {
		return new HarnessCredentialsHelper(this.pkg, this.stored);
	}

	add(credential: StoredCredential) {
		this.stored.set(credential.id, credential);
	}

	private type(name: string): ICredentialType {
		const type = this.pkg.credentialTypes.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.type(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		const type = this.type(name);
		const merged: INodeProperties[] = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		if (name === 'oAuth2Api') {
			merged.push({
				displayName: 'oauthTokenData',
				name: 'oauthTokenData',
				type: 'json',
				default: {},
			});
		}
		return merged;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolve = (raw: string) =>
						raw.startsWith('=')
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										raw,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: raw;
					target[section][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails): Promise<ICredentials> {
		throw new Error(`getCredentials(${nodeCredentials.id}) is not used by the harness`);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credential = this.stored.get(nodeCredentials.id ?? '');
		if (!credential || credential.type !== type) {
			throw new Error(`No credential ${nodeCredentials.id} of type ${type}`);
		}
		// A copy, as a database read gives: no two requests share the objects they were handed.
		return this.resolve(type, structuredClone(credential.data));
	}

	/** Defaults plus `$self` expressions, as n8n resolves credential data before handing it to a node. */
	resolve(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const workflow = new WorkflowClass({
			nodes: [expressionNode],
			connections: {},
			active: false,
			nodeTypes: this.pkg.nodeTypes,
		});
		return workflow.expression.getComplexParameterValue(
			expressionNode,
			withDefaults as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credential = this.stored.get(nodeCredentials.id ?? '');
		if (credential) credential.data = { ...credential.data, ...data };
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.tokenUpdates.push(structuredClone(data.oauthTokenData) as ICredentialDataDecryptedObject);
		await this.beforeTokenSave?.();
		await this.updateCredentials(nodeCredentials, type, { oauthTokenData: data.oauthTokenData });
	}
}
