import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../src/i18n/index.js';
import { contactMethods, type ContactMethod } from '../../src/tickets/index.js';
import { adaptiveCard, text, type CardElement } from './adaptiveCard.js';

export const CONTACT_FORM_ACTION = 'contactForm';

/** A contact method as the admin reads it: "Phone call", "Anruf", "电话". */
export function contactMethodLabel(method: ContactMethod, language: Language = DEFAULT_LANGUAGE): string {
  return translate(language, `contact.method.${method}`);
}

export interface ContactFormValues {
  name?: string;
  email?: string;
  phone?: string;
  contactMethod?: ContactMethod;
  description?: string;
}

/** An input left empty: some clients leave it out, some send null or "". */
const formText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/**
 * What a click on the form's Continue button submits: the action and each input's text. Anything that
 * can post an activity can put another type in any field, so the submit is checked here, at the edge.
 */
export const contactFormSubmit = z.looseObject({
  action: z.literal(CONTACT_FORM_ACTION),
  name: formText,
  email: formText,
  phone: formText,
  contactMethod: z
    .enum(contactMethods)
    .nullish()
    .transform((v) => v ?? undefined),
  description: formText,
});

export interface ContactFormSubmit {
  /** The fields that were usable, as submitted. */
  values: ContactFormValues;
  /** The fields whose value was of the wrong type (a number, a list, an object...), left out of `values`. */
  wrongType: (keyof ContactFormValues)[];
}

const formFields = ['name', 'email', 'phone', 'contactMethod', 'description'] as const satisfies (keyof ContactFormValues)[];

/**
 * Reads a submit of the contact form; undefined when `value` is not one. A field of the wrong type is
 * reported and left out, and the others are kept, so the form can be shown again with what was right.
 */
export function readContactFormSubmit(value: unknown): ContactFormSubmit | undefined {
  const parsed = contactFormSubmit.safeParse(value);
  if (parsed.success) return { values: pickFields(parsed.data), wrongType: [] };
  const wrong = new Set<PropertyKey | undefined>(parsed.error.issues.map((issue) => issue.path[0]));
  // Not an object, or not this form's button: not a submit of the contact form at all.
  if (wrong.has(undefined) || wrong.has('action')) return undefined;
  const rest = contactFormSubmit.safeParse(Object.fromEntries(Object.entries(value as object).filter(([key]) => !wrong.has(key))));
  if (!rest.success) return undefined;
  return { values: pickFields(rest.data), wrongType: formFields.filter((field) => wrong.has(field)) };
}

function pickFields({ name, email, phone, contactMethod, description }: z.output<typeof contactFormSubmit>): ContactFormValues {
  return { name, email, phone, contactMethod, description };
}

/** One form for contact details, preferred contact method and the description, with per-field errors. */
export function contactFormCard(
  values: ContactFormValues,
  methods: ContactMethod[],
  errors: Partial<Record<keyof ContactFormValues, string>> = {},
  language: Language = DEFAULT_LANGUAGE,
): Attachment {
  const say = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const error = (field: keyof ContactFormValues): CardElement[] => (errors[field] ? [text(errors[field]!, { color: 'Attention', size: 'Small', spacing: 'None' })] : []);
  const input = (id: keyof ContactFormValues, label: string, extra: CardElement = {}): CardElement[] => [
    { type: 'Input.Text', id, label, value: values[id] ?? '', isRequired: id !== 'phone', ...extra },
    ...error(id),
  ];
  return adaptiveCard(
    [
      text(say('contactForm.title'), { weight: 'Bolder', size: 'Medium' }),
      text(say('contactForm.intro'), { isSubtle: true }),
      ...input('name', say('contactForm.name'), { errorMessage: say('contactForm.name.error') }),
      ...input('email', say('contactForm.email'), { style: 'Email', errorMessage: say('contactForm.email.error') }),
      ...input('phone', say('contactForm.phone'), { style: 'Tel', placeholder: say('contactForm.phone.placeholder') }),
      {
        type: 'Input.ChoiceSet',
        id: 'contactMethod',
        label: say('contactForm.method'),
        style: 'expanded',
        value: values.contactMethod ?? methods[0],
        choices: methods.map((m) => ({ title: contactMethodLabel(m, language), value: m })),
      },
      ...error('contactMethod'),
      ...input('description', say('contactForm.description'), { isMultiline: true, maxLength: 4000, errorMessage: say('contactForm.description.error') }),
    ],
    [{ type: 'Action.Submit', title: say('contactForm.continue'), data: { action: CONTACT_FORM_ACTION } }],
  );
}
