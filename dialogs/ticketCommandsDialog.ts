import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { ticketCard, type SummaryField } from './cards/ticketCards.js';
import { isTicketError, reopenDeadline, statusLabel, type Ticket } from '../src/tickets/index.js';
import { requesterId } from './caseState.js';
import type { GlobalIntent } from './intents.js';
import { supportsCards } from './prompting.js';
import type { ConversationServices } from './services.js';
import { stepValues } from './stepState.js';

export const TICKET_COMMANDS_DIALOG = 'ticketCommandsDialog';
const ADD_TEXT = 'ticketCommands.addText';
const FLOW = 'ticketCommands.flow';

export type TicketCommand = Extract<GlobalIntent, { kind: 'status' | 'list' | 'addInfo' | 'reopen' }>;

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'none');

/**
 * Status, list, add information and reopen, from any point in the conversation. Only the requester's
 * own tickets are visible; someone else's number reads as not found.
 */
export class TicketCommandsDialog extends ComponentDialog {
  constructor(private readonly services: ConversationServices) {
    super(TICKET_COMMANDS_DIALOG);
    this.addDialog(new TextPrompt(ADD_TEXT, async (p) => (p.recognized.value ?? '').trim().length > 0));
    this.addDialog(new WaterfallDialog<TicketCommand>(FLOW, [this.run.bind(this), this.addCollected.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async run(step: WaterfallStepContext<TicketCommand>) {
    const command = step.options;
    const actor = { kind: 'requester', requesterId: requesterId(step.context) } as const;
    try {
      switch (command.kind) {
        case 'status': {
          const ticket = await this.services.tickets.getTicket(command.number, actor);
          await this.showTicket(step.context, `Request ${ticket.number}`, ticket);
          return step.endDialog();
        }
        case 'list':
          await this.list(step.context);
          return step.endDialog();
        case 'reopen': {
          const ticket = await this.services.tickets.reopen(command.number, actor, { reason: 'Reopened by the requester in chat.' });
          await this.showTicket(step.context, `Request ${ticket.number} is open again`, ticket);
          return step.endDialog();
        }
        case 'addInfo': {
          await this.services.tickets.getTicket(command.number, actor);
          if (command.text) return step.next(command.text);
          stepValues<{ number: string }>(step).number = command.number;
          return step.prompt(ADD_TEXT, { prompt: `What would you like to add to ${command.number}?`, retryPrompt: 'Please type the information to add.' });
        }
      }
    } catch (err) {
      if (!isTicketError(err)) throw err;
      await step.context.sendActivity(err.message);
      return step.endDialog();
    }
  }

  private async addCollected(step: WaterfallStepContext<TicketCommand>) {
    const command = step.options;
    // Only "add information" asks for more; the other commands end in the first step.
    if (command.kind !== 'addInfo') return step.endDialog();
    try {
      const ticket = await this.services.tickets.addInformation(command.number, { kind: 'requester', requesterId: requesterId(step.context) }, String(step.result));
      await step.context.sendActivity(`Added to ${ticket.number}; the engineer working on it will see it. Its status is ${statusLabel(ticket.status)}.`);
    } catch (err) {
      if (!isTicketError(err)) throw err;
      await step.context.sendActivity(err.message);
    }
    return step.endDialog();
  }

  private async list(context: TurnContext): Promise<void> {
    const { open, recentlyClosed } = await this.services.tickets.listForRequester(requesterId(context), { now: this.services.now() });
    if (open.length === 0 && recentlyClosed.length === 0) {
      await context.sendActivity("You have no open requests and none closed in the last 14 days. Tell me what's wrong if you need a new one.");
      return;
    }
    const line = (t: Ticket) => `- ${t.number} (Sev ${t.severity}, ${statusLabel(t.status)}): ${t.description.split('\n')[0]!.slice(0, 80)}`;
    const parts = [];
    if (open.length) parts.push(`Open requests:\n${open.map(line).join('\n')}`);
    if (recentlyClosed.length) parts.push(`Closed in the last 14 days (you can still reopen these):\n${recentlyClosed.map(line).join('\n')}`);
    await context.sendActivity(parts.join('\n\n'));
  }

  private async showTicket(context: TurnContext, title: string, ticket: Ticket): Promise<void> {
    const deadline = reopenDeadline(ticket);
    const lines: SummaryField[] = [
      { label: 'Opened', value: when(ticket.createdAt) },
      { label: 'First response due', value: ticket.responseDueAt ? when(ticket.responseDueAt) : 'no committed time' },
      { label: 'Engineer', value: ticket.assignedAgentId ? 'assigned' : 'not assigned yet' },
      { label: 'Last update', value: when(ticket.updatedAt) },
      ...(deadline && (ticket.status === 'closed' || ticket.status === 'resolved') ? [{ label: 'Can be reopened until', value: when(deadline) }] : []),
    ];
    const text = [`${title}: ${statusLabel(ticket.status)}, Sev ${ticket.severity}.`, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n');
    await context.sendActivity(supportsCards(context) ? { ...MessageFactory.attachment(ticketCard(title, ticket, lines)), text: `${title}: ${statusLabel(ticket.status)}.` } : text);
  }
}
