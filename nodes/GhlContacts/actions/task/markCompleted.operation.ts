import { taskCompletionOperation } from './completion';

export const { description, execute } = taskCompletionOperation('markCompleted', true);
