import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	INode,
	INodeParameters,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IExecuteFunctions,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

import { oAuth2ApiStandIn } from './oAuth2ApiStandIn';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-ghl-contacts';
/** The harness's own start node: emits the items a test hands it, as a manual trigger would. */
export const START_NODE_TYPE = 'harness.start';

class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Emits the items the test provides',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as object[];
		return [items.map((json) => ({ json: json as INodeExecutionData['json'] }))];
	}
}

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** Node type names as n8n names them for a community install, e.g. `n8n-nodes-ghl-contacts.ghlContacts`. */
	nodeTypeNames: string[];
	/** Adds a harness-only node type (never one of the package's). */
	registerHarnessType(name: string, type: INodeType): void;
}

let loaded: Promise<LoadedPackage> | undefined;

interface ClaimSettings {
	standMs: number;
}

/** The webhook trigger's claim settings in the package as this copy of the harness loaded it. */
let claimSettings: ClaimSettings | undefined;

/**
 * How long the webhook trigger's claim stands (1 s in n8n, longer than any database
 * read-to-write). The harness's store writes back within a turn or two of the event loop. Within
 * one process the trigger serializes its own store operations, so the claim's time does not
 * matter, and 1 ms keeps a test of a thousand deliveries from waiting a thousand seconds; tests of
 * two processes need it longer than a turn of the loop under their load.
 */
export function setClaimStandMs(ms: number): void {
	if (!claimSettings) throw new Error('Load the package first');
	claimSettings.standMs = ms;
}

function loadClaimSettings(): void {
	// The loaded package's own module (a second copy of the harness loads a second one).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const replay = require(path.join(PACKAGE_ROOT, 'dist/nodes/GhlWebhookTrigger/replay.js')) as {
		claimSettings: ClaimSettings;
	};
	claimSettings = replay.claimSettings;
	setClaimStandMs(1);
}

/**
 * Loads the built package from `dist/` the way n8n loads an installed community package
 * (n8n-core's PackageDirectoryLoader reads package.json's `n8n` section), once per test file.
 */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		loadClaimSettings();
		const byName = new Map<string, INodeType | IVersionedNodeType>();
		for (const [name, entry] of Object.entries(loader.nodeTypes)) {
			byName.set(`${PACKAGE_NAME}.${name}`, entry.type);
		}
		byName.set(START_NODE_TYPE, new HarnessStart());
		const credentialTypes = new Map<string, ICredentialType>();
		credentialTypes.set(oAuth2ApiStandIn.name, oAuth2ApiStandIn);
		for (const [name, entry] of Object.entries(loader.credentialTypes)) {
			credentialTypes.set(name, entry.type);
		}
		const nodeTypes: INodeTypes = {
			getByName: (type) => {
				const nodeType = byName.get(type);
				if (!nodeType) throw new Error(`Unknown node type ${type}`);
				return nodeType;
			},
			getByNameAndVersion: (type, version) =>
				NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
			getKnownTypes: () => ({}),
		};
		return {
			nodeTypes,
			credentialTypes,
			nodeTypeNames: [...byName.keys()].filter((name) => name.startsWith(`${PACKAGE_NAME}.`)),
			registerHarnessType: (name, type) => byName.set(name, type),
		};
	})();
	return await loaded;
}

/** A node's parameters as the editor saves them: every parameter present, defaults filled in. */
export function parametersAsSaved(
	nodeType: INodeType,
	node: INode,
	parameters: INodeParameters,
): INodeParameters {
	const { description } = nodeType;
	return (
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			node,
			description,
		) ?? {}
	);
}
