import type { IDataObject } from 'n8n-workflow';

/**
 * Whether GHL reports an action as done. v2 spells the flag `succeded`; v3 adds `succeeded`.
 * Outputs carry the correct spelling so that workflows need not know the quirk.
 */
export function succeeded(response: IDataObject): boolean {
	return (response.succeeded ?? response.succeded) === true;
}
