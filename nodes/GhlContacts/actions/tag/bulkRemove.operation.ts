import { bulkTagsOperation } from './bulkTags';

export const { description, execute } = bulkTagsOperation('remove', 'bulkRemove');
