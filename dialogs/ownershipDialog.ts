import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import type { IdentityService } from '../src/identity/index.js';
import { requesterId } from './caseState.js';
import { formatMoment } from './cards/dates.js';
import { timeZoneOf } from './contactDialog.js';
import { languageOf, t } from './language.js';
import { stepResult } from './stepState.js';

export const OWNERSHIP_DIALOG = 'ownershipDialog';
const CODE = 'ownership.code';
const FLOW = 'ownership.flow';

export interface OwnershipOptions {
  /** The canonical number of a ticket filed under another requester id. */
  number: string;
  /** Asked again after a wrong code: only the question, not the explanation. */
  again?: boolean;
}

export interface OwnershipResult {
  linked: boolean;
}

const CODE_TYPED = /^\s*(\d{3})\s?(\d{3})\s*$/;

/**
 * A request exists but under another requester id (filed in another browser, on another device, before
 * signing in): the admin may prove it is theirs with a one-time code (src/identity/ownershipCodes.ts),
 * after which it is theirs here as well. Until mail sending exists, an agent reads the code out to them.
 * Anything but a code ends the wait; "cancel" and the other commands work as anywhere.
 */
export class OwnershipDialog extends ComponentDialog {
  constructor(private readonly identity: IdentityService) {
    super(OWNERSHIP_DIALOG);
    // Anything typed ends the prompt: a code is checked, other text stops the wait (see codeTyped).
    this.addDialog(new TextPrompt(CODE));
    this.addDialog(new WaterfallDialog<OwnershipOptions>(FLOW, [this.offer.bind(this), this.codeTyped.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async offer(step: WaterfallStepContext<OwnershipOptions>) {
    const { number, again } = step.options;
    const requested = await this.identity.ownership.request(number, requesterId(step.context));
    if (requested.kind === 'notApplicable') return step.endDialog({ linked: false } satisfies OwnershipResult);
    if (requested.kind === 'rateLimited') {
      await step.context.sendActivity(t(step.context, 'ownership.rateLimited', { number, time: when(step.context, requested.retryAt) }));
      return step.endDialog({ linked: false } satisfies OwnershipResult);
    }
    if (!again) {
      await step.context.sendActivity(t(step.context, 'ownership.heldByAnother', { number }));
      const time = when(step.context, requested.expiresAt);
      if (requested.emailedTo) {
        await step.context.sendActivity(t(step.context, requested.kind === 'issued' ? 'ownership.codeEmailed' : 'ownership.codePendingEmailed', { number, email: requested.emailedTo, time }));
      } else {
        await step.context.sendActivity(t(step.context, requested.kind === 'issued' ? 'ownership.codeIssued' : 'ownership.codePending', { number, time }));
      }
    }
    return step.prompt(CODE, { prompt: t(step.context, 'ownership.askCode') });
  }

  private async codeTyped(step: WaterfallStepContext<OwnershipOptions>) {
    const { number } = step.options;
    const typed = CODE_TYPED.exec(stepResult<string>(step) ?? '');
    if (!typed) {
      await step.context.sendActivity(t(step.context, 'ownership.notACode', { number }));
      return step.endDialog({ linked: false } satisfies OwnershipResult);
    }
    const checked = await this.identity.ownership.check(number, requesterId(step.context), `${typed[1]}${typed[2]}`);
    switch (checked.kind) {
      case 'linked':
        await step.context.sendActivity(t(step.context, 'ownership.linked', { number }));
        return step.endDialog({ linked: true } satisfies OwnershipResult);
      case 'wrong':
        await step.context.sendActivity(t(step.context, 'ownership.wrong', { attemptsLeft: checked.attemptsLeft }));
        return step.replaceDialog(FLOW, { number, again: true } satisfies OwnershipOptions);
      case 'locked':
        await step.context.sendActivity(t(step.context, 'ownership.locked', { number }));
        return step.endDialog({ linked: false } satisfies OwnershipResult);
      case 'none':
        await step.context.sendActivity(t(step.context, 'ownership.expired', { number }));
        return step.endDialog({ linked: false } satisfies OwnershipResult);
    }
  }
}

const when = (context: TurnContext, d: Date) => formatMoment(d, languageOf(context), context.activity.locale, timeZoneOf(context));

/** Whether a step's result is what the ownership dialog ended with. */
export function isOwnershipResult(value: unknown): value is OwnershipResult {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as OwnershipResult).linked === 'boolean';
}
