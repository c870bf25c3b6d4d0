import { contactTagsOperation } from './contactTags';

export const { description, execute } = contactTagsOperation('add');
