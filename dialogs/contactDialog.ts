import { MessageFactory, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Prompt,
  TextPrompt,
  WaterfallDialog,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
  type WaterfallStepContext,
} from './dialogKit.js';
import { contactFormCard, contactMethodLabel, readContactFormSubmit, type ContactFormSubmit, type ContactFormValues } from './cards/contactFormCard.js';
import { checkEmail, checkName, checkPhone, formatPhone, phoneCountry, type Checked, type PhoneCountryHints } from '../src/contact/index.js';
import { countryOfTimeZone, phoneAnswer } from '../src/support/index.js';
import type { ContactMethod } from '../src/tickets/index.js';
import { getCase, getProfile, type AdminProfile, type StateAccessors } from './caseState.js';
import { answerPrompt, askChoice, chosen, type Option, supportsCards } from './prompting.js';
import { stepResult, stepValues } from './stepState.js';
import { listInEveryLanguage, type Language } from '../src/i18n/index.js';
import { languageOf, t } from './language.js';

export const CONTACT_DIALOG = 'contactDialog';
const FORM = 'contact.form';
const NAME = 'contact.name';
const EMAIL = 'contact.email';
const PHONE = 'contact.phone';
const METHOD = 'contact.method';
const CONFIRM = 'contact.confirm';
const WAY_OUT = 'contact.wayOut';
const FORM_FLOW = 'contact.formFlow';
const TEXT_FLOW = 'contact.textFlow';
const HOURS = 'contact.callHours';
const HOURS_FLOW = 'contact.callHoursFlow';
/** The longest answer to "when is a good time to call?" a request keeps. */
const CALL_HOURS_MAX = 200;

/** After this many invalid answers to one question the admin is offered a way out instead of a fourth try. */
export const MAX_ATTEMPTS = 3;
const GAVE_UP = '\u0000gave-up';
const SKIP_WORDS = /^(skip|none|no phone|no|n\/a|-)$/i;
/** "skip" in every language ("überspringen", "跳过"). */
const SKIP_LIST = new Set(listInEveryLanguage('contact.phone.skip.synonyms').map((w) => w.toLowerCase()));
const saysSkip = (typed: string) => SKIP_WORDS.test(typed) || SKIP_LIST.has(typed.toLowerCase().replace(/[.!。！]$/, '').trim());

/** The form shown again: what the admin submitted, why parts of it were refused, and the tries so far. */
interface FormOptions {
  values?: ContactFormValues;
  errors?: Record<string, string>;
  attempts?: Record<string, number>;
}

interface FormValues {
  /** Invalid submissions so far, by field. */
  attempts: Record<string, number>;
}

/** What the form prompt recognises: a submit of the card (checked by its schema), or typed text. */
interface FormAnswer {
  form?: ContactFormSubmit;
  text?: string;
}

/** How a field is named in front of the reason it was refused ("Email: that is not an address"). */
const FIELD_LABELS = { name: 'contact.field.name', email: 'contact.field.email', phone: 'contact.field.phone', description: 'contact.field.description', contactMethod: 'contactForm.method' } as const;

interface TextValues {
  /** The admin confirmed the details they gave before; only the contact method is asked. */
  keep: boolean;
}

export interface ContactResult {
  /** False when the admin took the way out (call support instead); nothing was filed. */
  completed: boolean;
}

/** Contact methods that make sense in this channel, the channel's own chat first. */
export function contactMethodsFor(context: TurnContext): ContactMethod[] {
  const chat: ContactMethod[] = context.activity.channelId === 'msteams' ? ['teams_chat'] : ['directline', 'webchat'].includes(context.activity.channelId) ? ['web_chat'] : [];
  return [...chat, 'email', 'phone'];
}

/** Teams' clientInfo entity: the client's country and IANA time zone (Web Chat sends localTimezone instead). */
function clientInfo(context: TurnContext): { country?: string; timezone?: string } {
  const entity = (context.activity.entities ?? []).find((e) => e.type === 'clientInfo') as { country?: unknown; timezone?: unknown } | undefined;
  return {
    country: typeof entity?.country === 'string' ? entity.country : undefined,
    timezone: typeof entity?.timezone === 'string' ? entity.timezone : undefined,
  };
}

/** The admin's IANA time zone as the channel gives it (Activity.localTimezone, or Teams' clientInfo). */
export function timeZoneOf(context: TurnContext): string | undefined {
  return context.activity.localTimezone || clientInfo(context).timezone || undefined;
}

/** What the channel says about where the admin is, strongest first: client country, time zone, locale region. */
function channelCountries(context: TurnContext): (string | undefined)[] {
  const region = /^[a-z]{2,3}-([A-Z]{2})$/i.exec(context.activity.locale ?? '')?.[1]?.toUpperCase();
  return [clientInfo(context).country?.toUpperCase(), countryOfTimeZone(timeZoneOf(context)), region];
}

/** The admin's country: from their phone number, else the channel (client country, time zone, locale: en-GB → GB). */
export function countryOf(profile: AdminProfile, context: TurnContext): string | undefined {
  return profile.country ?? channelCountries(context).find((c) => c !== undefined);
}

/** Countries to read a national phone number in: the one the admin gave before, then the channel's. */
function phoneHints(profile: AdminProfile, context: TurnContext): PhoneCountryHints {
  return { answered: profile.country, channel: channelCountries(context) };
}

const methodOptions = (methods: ContactMethod[], language: Language): Option[] =>
  methods.map((m) => ({
    value: m,
    title: contactMethodLabel(m, language),
    synonyms: listInEveryLanguage(`contact.method.${m}.synonyms`),
    // An address or a number typed as the answer picks its method; "call me" is the phone.
    ...(m === 'phone' ? { takes: 'phone' as const, wishes: ['callMe' as const] } : m === 'email' ? { takes: 'email' as const } : {}),
  }));

/** Recognises a submit of the contact form card, or typed text (which switches to question-by-question). */
class ContactFormPrompt extends Prompt<FormAnswer> {
  constructor(id: string) {
    super(id);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions): Promise<void> {
    if (options.prompt) await context.sendActivity(options.prompt);
  }

  protected async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<FormAnswer>> {
    const form = readContactFormSubmit(context.activity.value);
    if (form) return { succeeded: true, value: { form } };
    const text = context.activity.text?.trim();
    return text ? { succeeded: true, value: { text } } : { succeeded: false };
  }
}

/**
 * Confirms or edits name, email and phone and asks the preferred contact method: one card form where the
 * channel renders cards, question by question otherwise. Invalid values are asked again with the reason,
 * at most three times; then the admin may call support instead.
 */
export class ContactDialog extends ComponentDialog {
  constructor(private readonly state: StateAccessors) {
    super(CONTACT_DIALOG);
    this.addDialog(new ContactFormPrompt(FORM));
    this.addDialog(new TextPrompt(NAME, this.validator(checkName)));
    this.addDialog(new TextPrompt(EMAIL, this.validator(checkEmail)));
    this.addDialog(new TextPrompt(PHONE, this.phoneValidator.bind(this)));
    for (const id of [METHOD, CONFIRM, WAY_OUT]) this.addDialog(answerPrompt(id));
    this.addDialog(new WaterfallDialog<FormOptions>(FORM_FLOW, [this.showForm.bind(this), this.formSubmitted.bind(this)]));
    this.addDialog(
      new WaterfallDialog(TEXT_FLOW, [
        this.confirmKnown.bind(this),
        this.askName.bind(this),
        this.askEmail.bind(this),
        this.askPhone.bind(this),
        this.askMethod.bind(this),
        this.done.bind(this),
      ]),
    );
    this.addDialog(new TextPrompt(HOURS));
    this.addDialog(new WaterfallDialog(HOURS_FLOW, [this.askCallHours.bind(this), this.callHoursGiven.bind(this)]));
    this.initialDialogId = FORM_FLOW;
  }

  // ---- the card form ----

  private async showForm(step: WaterfallStepContext<FormOptions>) {
    if (!supportsCards(step.context)) return step.replaceDialog(TEXT_FLOW);
    const profile = await getProfile(this.state, step.context);
    const supportCase = await getCase(this.state, step.context);
    const state = step.options;
    const values: ContactFormValues = state.values ?? {
      name: profile.name,
      email: profile.email,
      phone: profile.phone ? formatPhone(profile.phone) : undefined,
      contactMethod: profile.contactMethod && contactMethodsFor(step.context).includes(profile.contactMethod) ? profile.contactMethod : undefined,
      description: supportCase.problem,
    };
    stepValues<FormValues>(step).attempts = state.attempts ?? {};
    const card = contactFormCard(values, contactMethodsFor(step.context), state.errors, languageOf(step.context));
    return step.prompt(FORM, { prompt: MessageFactory.attachment(card, state.errors ? t(step.context, 'contact.form.needsLook') : undefined) });
  }

  private async formSubmitted(step: WaterfallStepContext) {
    const { form: submit, text } = stepResult<FormAnswer>(step) ?? {};
    if (!submit) {
      await step.context.sendActivity(t(step.context, text ? 'contact.form.typingInsteadAfterText' : 'contact.form.typingInstead'));
      return step.replaceDialog(TEXT_FLOW);
    }
    // Fields of the wrong type were left out of `form`: they are refused below with their own reason.
    const form = submit.values;
    const profile = await getProfile(this.state, step.context);
    const attempts = { ...(stepValues<FormValues>(step).attempts ?? {}) };
    const methods = contactMethodsFor(step.context);
    const method = form.contactMethod && methods.includes(form.contactMethod) ? form.contactMethod : undefined;
    const checks: Partial<Record<keyof ContactFormValues, Checked<string>>> = {
      name: checkName(form.name ?? ''),
      email: checkEmail(form.email ?? ''),
      phone: (form.phone ?? '').trim() === '' && method !== 'phone' ? { ok: true, value: '' } : checkPhone(form.phone ?? '', phoneHints(profile, step.context)),
      description: (form.description ?? '').trim().length >= 3 ? { ok: true, value: form.description!.trim().slice(0, 4000) } : { ok: false, reason: t(step.context, 'contact.error.description') },
    };
    if ((form.phone ?? '').trim() === '' && method === 'phone') checks.phone = { ok: false, reason: t(step.context, 'contact.error.phoneNeeded') };
    for (const field of submit.wrongType) if (field !== 'contactMethod') checks[field] = { ok: false, reason: t(step.context, 'contact.error.wrongType') };
    const errors: Record<string, string> = {};
    for (const [field, check] of Object.entries(checks)) {
      if (check && !check.ok) {
        errors[field] = t(step.context, 'contact.error.field', { field: t(step.context, FIELD_LABELS[field as keyof typeof FIELD_LABELS]), reason: check.reason });
        attempts[field] = (attempts[field] ?? 0) + 1;
      }
    }
    if (!method) errors.contactMethod = t(step.context, 'contact.error.method');
    if (Object.keys(errors).length > 0) {
      if (Object.values(attempts).some((n) => n >= MAX_ATTEMPTS)) return this.offerWayOut(step);
      return step.replaceDialog(FORM_FLOW, { values: form, errors, attempts } satisfies FormOptions);
    }
    this.save(profile, {
      name: (checks.name as { value: string }).value,
      email: (checks.email as { value: string }).value,
      phone: (checks.phone as { value: string }).value || null,
      contactMethod: method!,
    });
    const supportCase = await getCase(this.state, step.context);
    supportCase.problem = (checks.description as { value: string }).value;
    return this.finish(step, method!);
  }

  // ---- question by question ----

  private async confirmKnown(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    if (!profile.name || !profile.email) return step.next();
    const phone = profile.phone ? formatPhone(profile.phone) : t(step.context, 'contact.confirm.noPhone');
    return askChoice(step, CONFIRM, t(step.context, 'contact.confirm.question', { name: profile.name, email: profile.email, phone }), [
      { value: 'keep', title: t(step.context, 'contact.confirm.keep'), synonyms: listInEveryLanguage('contact.confirm.keep.synonyms') },
      { value: 'edit', title: t(step.context, 'contact.confirm.edit'), synonyms: listInEveryLanguage('contact.confirm.edit.synonyms') },
    ]);
  }

  private async askName(step: WaterfallStepContext) {
    const keep = step.result && chosen(step) === 'keep';
    stepValues<TextValues>(step).keep = !!keep;
    if (keep) return step.next();
    const profile = await getProfile(this.state, step.context);
    const prompt = profile.name ? t(step.context, 'contact.name.promptKnown', { name: profile.name }) : t(step.context, 'contact.name.prompt');
    return step.prompt(NAME, { prompt, retryPrompt: t(step.context, 'contact.name.prompt') });
  }

  private async askEmail(step: WaterfallStepContext) {
    if (step.result === GAVE_UP) return this.offerWayOut(step);
    const profile = await getProfile(this.state, step.context);
    if (stepValues<TextValues>(step).keep) return step.next();
    profile.name = String(step.result);
    return step.prompt(EMAIL, { prompt: t(step.context, 'contact.email.prompt'), retryPrompt: t(step.context, 'contact.email.retry') });
  }

  private async askPhone(step: WaterfallStepContext) {
    if (step.result === GAVE_UP) return this.offerWayOut(step);
    const profile = await getProfile(this.state, step.context);
    if (stepValues<TextValues>(step).keep) return step.next();
    profile.email = String(step.result);
    return step.prompt(PHONE, {
      prompt: t(step.context, 'contact.phone.prompt'),
      retryPrompt: t(step.context, 'contact.phone.retry'),
    });
  }

  private async askMethod(step: WaterfallStepContext) {
    if (step.result === GAVE_UP) return this.offerWayOut(step);
    const profile = await getProfile(this.state, step.context);
    if (!stepValues<TextValues>(step).keep) {
      const phone = String(step.result);
      profile.phone = phone === '' ? null : phone;
      if (profile.phone) profile.country = phoneCountry(profile.phone) ?? profile.country;
    }
    const methods = contactMethodsFor(step.context).filter((m) => m !== 'phone' || profile.phone);
    return askChoice(step, METHOD, t(step.context, 'contact.method.question'), methodOptions(methods, languageOf(step.context)));
  }

  private async done(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    profile.contactMethod = chosen(step) as ContactMethod;
    return this.finish(step, profile.contactMethod);
  }

  // ---- a call: when it suits them ----

  /** Done, unless they chose the phone: then when a call suits them, so the agent calls at a good time. */
  private finish(step: WaterfallStepContext, method: ContactMethod) {
    if (method === 'phone') return step.replaceDialog(HOURS_FLOW);
    return step.endDialog({ completed: true } satisfies ContactResult);
  }

  private async askCallHours(step: WaterfallStepContext) {
    return step.prompt(HOURS, { prompt: t(step.context, 'contact.callHours.question') });
  }

  private async callHoursGiven(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    const typed = String(step.result ?? '').replace(/\s+/g, ' ').trim();
    profile.callbackHours = typed ? typed.slice(0, CALL_HOURS_MAX) : null;
    if (profile.callbackHours) await step.context.sendActivity(t(step.context, 'contact.callHours.noted', { hours: profile.callbackHours }));
    return step.endDialog({ completed: true } satisfies ContactResult);
  }

  // ---- shared ----

  private save(profile: AdminProfile, details: { name: string; email: string; phone: string | null; contactMethod: ContactMethod }): void {
    Object.assign(profile, details);
    if (details.phone) profile.country = phoneCountry(details.phone) ?? profile.country;
  }

  private validator(check: (text: string) => Checked<string>) {
    return async (prompt: PromptValidatorContext<string>): Promise<boolean> => {
      const result = check(prompt.recognized.value ?? '');
      if (result.ok) {
        prompt.recognized.value = result.value;
        return true;
      }
      return this.refuse(prompt, result.reason);
    };
  }

  private async phoneValidator(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const typed = (prompt.recognized.value ?? '').trim();
    if (saysSkip(typed)) {
      prompt.recognized.value = '';
      return true;
    }
    const profile = await getProfile(this.state, prompt.context);
    const result = checkPhone(typed, phoneHints(profile, prompt.context));
    if (result.ok) {
      prompt.recognized.value = result.value;
      return true;
    }
    return this.refuse(prompt, result.reason);
  }

  /** Says why a value was refused; after the third try ends the prompt so the waterfall offers a way out. */
  private async refuse(prompt: PromptValidatorContext<string>, reason: string): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) {
      prompt.recognized.value = GAVE_UP;
      return true;
    }
    await prompt.context.sendActivity(t(prompt.context, 'contact.refused', { reason }));
    return false;
  }

  private async offerWayOut(step: WaterfallStepContext) {
    const profile = await getProfile(this.state, step.context);
    const supportCase = await getCase(this.state, step.context);
    await step.context.sendActivity(t(step.context, 'contact.wayOut', { phone: phoneAnswer({ cloud: supportCase.cloud ?? 'worldwide', country: countryOf(profile, step.context), language: languageOf(step.context) }) }));
    return step.endDialog({ completed: false } satisfies ContactResult);
  }
}
