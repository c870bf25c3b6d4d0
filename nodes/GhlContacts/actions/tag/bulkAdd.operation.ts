import { bulkTagsOperation } from './bulkTags';

export const { description, execute } = bulkTagsOperation('add', 'bulkAdd');
