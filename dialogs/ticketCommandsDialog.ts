import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from './dialogKit.js';
import { ticketCard, type SummaryField } from './cards/ticketCards.js';
import { isTicketError, parseTicketNumber, reopenDeadline, statusLabel, type Ticket } from '../src/tickets/index.js';
import { requesterId } from './caseState.js';
import type { GlobalIntent } from './intents.js';
import { supportsCards } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepValues } from './stepState.js';
import { formatMoment } from './cards/dates.js';
import { timeZoneOf } from './contactDialog.js';
import { languageOf, t } from './language.js';
import { isOwnershipResult, OWNERSHIP_DIALOG, OwnershipDialog, type OwnershipOptions } from './ownershipDialog.js';

export const TICKET_COMMANDS_DIALOG = 'ticketCommandsDialog';
const ADD_TEXT = 'ticketCommands.addText';
const FLOW = 'ticketCommands.flow';

export type TicketCommand = Extract<GlobalIntent, { kind: 'status' | 'list' | 'addInfo' | 'reopen' }>;

/** A date in the admin's language, locale and time zone ("none" when there is none). */
const when = (context: TurnContext, d: Date | null) =>
  d ? formatMoment(d, languageOf(context), context.activity.locale, timeZoneOf(context)) : t(context, 'tickets.date.none');

/**
 * Status, list, add information and reopen, from any point in the conversation. Only the requester's
 * own tickets are visible; someone else's number reads as not found.
 */
export class TicketCommandsDialog extends ComponentDialog {
  constructor(private readonly services: ConversationServices) {
    super(TICKET_COMMANDS_DIALOG);
    this.addDialog(new TextPrompt(ADD_TEXT, async (p) => (p.recognized.value ?? '').trim().length > 0));
    this.addDialog(new WaterfallDialog<TicketCommand>(FLOW, [this.run.bind(this), this.addCollected.bind(this)]));
    if (services.identity) this.addDialog(new OwnershipDialog(services.identity));
    this.initialDialogId = FLOW;
  }

  private async run(step: WaterfallStepContext<TicketCommand>) {
    const command = step.options;
    const actor = { kind: 'requester', requesterId: requesterId(step.context) } as const;
    try {
      switch (command.kind) {
        case 'status': {
          const ticket = await this.services.tickets.getTicket(command.number, actor);
          await this.showTicket(step.context, t(step.context, 'tickets.status.title', { number: ticket.number }), ticket);
          return step.endDialog();
        }
        case 'list':
          await this.list(step.context);
          return step.endDialog();
        case 'reopen': {
          const ticket = await this.services.tickets.reopen(command.number, actor, { reason: t(step.context, 'tickets.reopen.reason') });
          await this.showTicket(step.context, t(step.context, 'tickets.reopened.title', { number: ticket.number }), ticket);
          return step.endDialog();
        }
        case 'addInfo': {
          await this.services.tickets.getTicket(command.number, actor);
          if (command.text) return step.next(command.text);
          stepValues<{ number: string }>(step).number = command.number;
          return step.prompt(ADD_TEXT, { prompt: t(step.context, 'tickets.addInfo.prompt', { number: command.number }), retryPrompt: t(step.context, 'tickets.addInfo.retry') });
        }
      }
    } catch (err) {
      if (!isTicketError(err)) throw err;
      // Not found here, but filed under another id (another browser, device or sign-in): offer to prove it.
      if (isTicketError(err, 'not_found') && 'number' in command && (await this.services.identity?.ownership.heldByAnother(command.number, actor.requesterId))) {
        return step.beginDialog(OWNERSHIP_DIALOG, { number: parseTicketNumber(command.number)! } satisfies OwnershipOptions);
      }
      await step.context.sendActivity(err.messageIn(languageOf(step.context), step.context.activity.locale));
      return step.endDialog();
    }
  }

  private async addCollected(step: WaterfallStepContext<TicketCommand>) {
    const command = step.options;
    // Proven to be theirs: the command again, which now finds the ticket.
    if (isOwnershipResult(step.result)) return step.result.linked ? step.replaceDialog(FLOW, command) : step.endDialog();
    // Only "add information" asks for more; the other commands end in the first step.
    if (command.kind !== 'addInfo') return step.endDialog();
    try {
      const ticket = await this.services.tickets.addInformation(command.number, { kind: 'requester', requesterId: requesterId(step.context) }, String(step.result));
      await step.context.sendActivity(t(step.context, 'tickets.addInfo.done', { number: ticket.number, status: statusLabel(ticket.status, languageOf(step.context)) }));
    } catch (err) {
      if (!isTicketError(err)) throw err;
      await step.context.sendActivity(err.messageIn(languageOf(step.context), step.context.activity.locale));
    }
    return step.endDialog();
  }

  private async list(context: TurnContext): Promise<void> {
    const { open, recentlyClosed } = await this.services.tickets.listForRequester(requesterId(context), { now: this.services.now() });
    if (open.length === 0 && recentlyClosed.length === 0) {
      await context.sendActivity(t(context, 'tickets.list.none'));
      // Requests filed elsewhere can be linked by number (ownershipDialog.ts).
      if (this.services.identity) await context.sendActivity(t(context, 'ownership.list.hint'));
      return;
    }
    const line = (ticket: Ticket) =>
      t(context, 'tickets.list.line', { number: ticket.number, severity: ticket.severity, status: statusLabel(ticket.status, languageOf(context)), description: ticket.description.split('\n')[0]!.slice(0, 80) });
    const parts = [];
    if (open.length) parts.push(`${t(context, 'tickets.list.open')}\n${open.map(line).join('\n')}`);
    if (recentlyClosed.length) parts.push(`${t(context, 'tickets.list.closed')}\n${recentlyClosed.map(line).join('\n')}`);
    await context.sendActivity(parts.join('\n\n'));
  }

  private async showTicket(context: TurnContext, title: string, ticket: Ticket): Promise<void> {
    const deadline = reopenDeadline(ticket);
    const say = (key: Parameters<typeof t>[1], values?: Parameters<typeof t>[2]) => t(context, key, values);
    const opened: SummaryField = { label: say('tickets.field.opened'), value: when(context, ticket.createdAt) };
    const responseDue: SummaryField = { label: say('tickets.field.responseDue'), value: ticket.responseDueAt ? when(context, ticket.responseDueAt) : say('tickets.field.noCommittedTime') };
    const rest: SummaryField[] = [
      { label: say('tickets.field.engineer'), value: say(ticket.assignedAgentId ? 'tickets.field.assigned' : 'tickets.field.notAssigned') },
      { label: say('tickets.field.lastUpdate'), value: when(context, ticket.updatedAt) },
      ...(deadline && (ticket.status === 'closed' || ticket.status === 'resolved') ? [{ label: say('tickets.field.reopenUntil'), value: when(context, deadline) }] : []),
      // What the engineer wrote when resolving or closing it, as written (reopening clears it).
      ...(ticket.resolutionNote ? [{ label: say('agentTools.field.resolutionNote'), value: ticket.resolutionNote }] : []),
    ];
    const status = statusLabel(ticket.status, languageOf(context));
    const text = [say('tickets.status.text', { title, status, severity: ticket.severity }), ...[opened, responseDue, ...rest].map((l) => say('tickets.field.line', { label: l.label, value: l.value }))].join('\n');
    // The card leads with when a reply is due; when it was opened goes behind "Show details" with the rest.
    const card = ticketCard({ title, ticket, status, key: [responseDue], details: [opened, ...rest] }, languageOf(context));
    await context.sendActivity(supportsCards(context) ? { ...MessageFactory.attachment(card), text: say('tickets.status.short', { title, status }) } : text);
  }
}
