import type { Attachment } from 'botbuilder';
import type { ContactMethod } from '../../src/tickets/index.js';
import { adaptiveCard, text, type CardElement } from './adaptiveCard.js';

export const CONTACT_FORM_ACTION = 'contactForm';

export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: 'Phone call',
  email: 'Email',
  teams_chat: 'Teams chat',
  web_chat: 'Web chat',
};

export interface ContactFormValues {
  name?: string;
  email?: string;
  phone?: string;
  contactMethod?: ContactMethod;
  description?: string;
}

/** One form for contact details, preferred contact method and the description, with per-field errors. */
export function contactFormCard(values: ContactFormValues, methods: ContactMethod[], errors: Partial<Record<keyof ContactFormValues, string>> = {}): Attachment {
  const error = (field: keyof ContactFormValues): CardElement[] => (errors[field] ? [text(errors[field]!, { color: 'Attention', size: 'Small', spacing: 'None' })] : []);
  const input = (id: keyof ContactFormValues, label: string, extra: CardElement = {}): CardElement[] => [
    { type: 'Input.Text', id, label, value: values[id] ?? '', isRequired: id !== 'phone', ...extra },
    ...error(id),
  ];
  return adaptiveCard(
    [
      text('Your contact details', { weight: 'Bolder', size: 'Medium' }),
      text('Check or correct them; support will use them to reach you about this request.', { isSubtle: true }),
      ...input('name', 'Name', { errorMessage: 'Your name is needed' }),
      ...input('email', 'Email', { style: 'Email', errorMessage: 'An email address is needed' }),
      ...input('phone', 'Phone (with country code)', { style: 'Tel', placeholder: '+1 425 555 0100' }),
      {
        type: 'Input.ChoiceSet',
        id: 'contactMethod',
        label: 'How should support contact you?',
        style: 'expanded',
        value: values.contactMethod ?? methods[0],
        choices: methods.map((m) => ({ title: contactMethodLabels[m], value: m })),
      },
      ...error('contactMethod'),
      ...input('description', 'Description of the problem', { isMultiline: true, maxLength: 4000, errorMessage: 'Please describe the problem' }),
    ],
    [{ type: 'Action.Submit', title: 'Continue', data: { action: CONTACT_FORM_ACTION } }],
  );
}
