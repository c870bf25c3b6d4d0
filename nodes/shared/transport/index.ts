export { connectionsPerItem, resolveConnection, SUB_ACCOUNT_PARAMETER } from './subAccounts';
export {
	credentialConnection,
	mayUse,
	CREDENTIAL_TYPE,
	type GhlConnection,
	type GhlContext,
} from './connection';
export { ghlApiRequest, reportedDailyLimit, type GhlRequest } from './request';
export { ENDPOINTS, type OperationId } from './endpoints';
export { checkPathSegment } from './paths';
export { PageGuard, MAX_PAGES } from './paging';
export { asNodeError, isNotFoundError } from './errors';
