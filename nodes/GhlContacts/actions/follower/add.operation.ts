import { followersOperation } from './followers';

export const { description, execute } = followersOperation('add');
