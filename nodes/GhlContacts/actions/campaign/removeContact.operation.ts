import { campaignMembershipOperation } from './membership';

export const { description, execute } = campaignMembershipOperation('removeContact');
