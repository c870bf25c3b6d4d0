import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { harnessAdditionalData } from './additionalData';
import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME } from './packageTypes';

/**
 * The context the editor gives a node's pickers (list search and load options) while a
 * parameter is being edited, for the GHL Contacts node with `credential` and `parameters`.
 */
export async function pickerContext(
	credential: StoredCredential,
	parameters: INodeParameters = {},
): Promise<{ context: LoadOptionsContext; methods: INodeType['methods'] }> {
	const pkg = await loadPackage();
	const credentialsHelper = new HarnessCredentialsHelper(pkg);
	credentialsHelper.add(credential);
	const node: INode = {
		id: 'picker',
		name: 'GHL Contacts',
		type: `${PACKAGE_NAME}.ghlContacts`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			authentication: credential.type === 'ghlApi' ? 'privateIntegrationToken' : 'oAuth2',
			...parameters,
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		harnessAdditionalData(credentialsHelper),
		'parameters',
	);
	return { context, methods: pkg.nodeTypes.getByNameAndVersion(node.type, 1).methods };
}
