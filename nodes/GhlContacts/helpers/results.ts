import type { IDataObject } from 'n8n-workflow';

/**
 * Whether GHL reports an action as done. v2 spells the flag `succeded`; v3 adds `succeeded`.
 * Outputs carry it as `success`, so workflows need not know the quirk; a 2xx without either flag
 * counts as done.
 */
export function succeeded(response: IDataObject): boolean {
	const flag = response.succeeded ?? response.succeded;
	return flag === undefined ? true : flag === true;
}
