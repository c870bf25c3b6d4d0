import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';

import type { LoggedRequest, RunningSandbox } from '../../sandbox/types';
import type { StoredCredential } from '../harness/credentialsHelper';
import { pickerContext } from '../harness/pickerContext';
import { runNode, type NodeRunResult, type RunNodeOptions } from '../harness/runNode';
import { clearLog, control, requestLog } from '../support/ghl';

/** A resource locator value, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
/** A list field (tags, followers) holding these locator values. */
export const listOf = (...values: object[]) => ({ values: values.map((value) => ({ value })) });

/** Calls the sandbox's GHL API directly with the read-write PIT: to find ids and read state. */
export async function ghl<T = IDataObject>(
	sandbox: RunningSandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(new URL(path, sandbox.url), {
		method,
		headers: {
			Authorization: `Bearer ${sandbox.tokens.readWrite}`,
			Version: '2021-07-28',
			Accept: 'application/json',
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return JSON.parse(text) as T;
}

/** The main location's users, as GHL lists them. */
export async function locationUsers(
	sandbox: RunningSandbox,
): Promise<Array<{ id: string; email: string; name: string }>> {
	const { users } = await ghl<{ users: Array<{ id: string; email: string; name: string }> }>(
		sandbox,
		'GET',
		`/users/?locationId=${sandbox.mainLocationId}`,
	);
	return users;
}

/** Ids of `count` contacts of the main location, newest first. */
export async function someContactIds(sandbox: RunningSandbox, count: number): Promise<string[]> {
	const { contacts } = await ghl<{ contacts: Array<{ id: string }> }>(
		sandbox,
		'POST',
		'/contacts/search',
		{
			locationId: sandbox.mainLocationId,
			pageLimit: count,
		},
	);
	return contacts.map((contact) => contact.id);
}

export async function contactTags(sandbox: RunningSandbox, contactId: string): Promise<string[]> {
	const { contact } = await ghl<{ contact: { tags: string[] } }>(
		sandbox,
		'GET',
		`/contacts/${contactId}`,
	);
	return contact.tags;
}

/** The sandbox's stored contact, with what the API does not show (campaigns, workflows). */
export async function contactRecord(
	sandbox: RunningSandbox,
	contactId: string,
): Promise<{ campaigns: string[]; workflows: string[] }> {
	const { contact } = await control<{ contact: { campaigns: string[]; workflows: string[] } }>(
		sandbox,
		'GET',
		`/contacts/${contactId}`,
	);
	return contact;
}

/**
 * Runs the node with a clean request log and returns the run plus the GHL requests it sent
 * (OAuth token traffic left out).
 */
export async function runLogged(
	sandbox: RunningSandbox,
	options: Omit<RunNodeOptions, 'type' | 'parameters'> & { parameters: object },
): Promise<NodeRunResult & { requests: LoggedRequest[] }> {
	await clearLog(sandbox);
	const result = await runNode({
		...options,
		type: 'ghlContacts',
		parameters: options.parameters as INodeParameters,
	});
	const requests = (await requestLog(sandbox)).filter((entry) => !entry.path.startsWith('/oauth'));
	return { ...result, requests };
}

/** The picker `method` of the node, called as the editor calls it, with `credential`. */
export async function runListSearch(
	method: string,
	credential: StoredCredential,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { context, methods } = await pickerContext(credential);
	const search = methods?.listSearch?.[method];
	if (!search) throw new Error(`The node has no list search method ${method}`);
	return await search.call(context, filter, paginationToken);
}
