import { contactTagsOperation } from './contactTags';

export const { description, execute, executeAll } = contactTagsOperation('remove');
