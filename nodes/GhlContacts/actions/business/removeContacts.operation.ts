import { contactsOfBusinessOperation } from './contactsOfBusiness';

export const { description, execute } = contactsOfBusinessOperation('removeContacts');
