import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	contact: 'get';
};

export type GhlContactsType = AllEntities<NodeMap>;
