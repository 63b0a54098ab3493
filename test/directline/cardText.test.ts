import { describe, expect, it } from 'vitest';
import { renderActivityAsText } from '../../src/channels/directline/cardText.js';
import type { DirectLineActivity } from '../../src/channels/directline/protocol.js';

const activity = (extra: Record<string, unknown>): DirectLineActivity => ({
  type: 'message',
  id: 'c|0000001',
  timestamp: '2026-01-01T00:00:00Z',
  channelId: 'directline',
  conversation: { id: 'c' },
  from: { id: 'support-assistant', role: 'bot' },
  ...extra,
});

const hero = (buttons: unknown[]) => ({ attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Reset a password', text: 'Steps for admins', buttons } }] });
const adaptive = (body: unknown[], actions: unknown[] = []) => ({
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body, actions } }],
});

describe('rendering bot activities for the terminal', () => {
  it('shows text with markdown bold and links made plain', () => {
    expect(renderActivityAsText(activity({ text: 'See **this** [article](https://learn.example/a)' })).lines).toEqual(['See this article (https://learn.example/a)']);
  });

  it('shows a hero card title and text', () => {
    expect(renderActivityAsText(activity(hero([]))).lines).toEqual(['Reset a password', 'Steps for admins']);
  });

  it.each([
    ['imBack', { type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'message', text: 'yes' }],
    ['postBack with text', { type: 'postBack', title: 'Go', value: 'go' }, { type: 'message', text: 'go' }],
    ['postBack with an object', { type: 'postBack', title: 'Go', value: { step: 2 } }, { type: 'message', value: { step: 2 } }],
    ['messageBack', { type: 'messageBack', title: 'Pick', text: 'pick', value: { id: 7 }, displayText: 'Picked' }, { type: 'message', text: 'pick', value: { id: 7 }, channelData: { messageBack: { displayText: 'Picked' } } }],
  ])('turns a hero %s button into the activity Web Chat would send', (_name, button, sent) => {
    expect(renderActivityAsText(activity(hero([button]))).buttons[0]!.send).toEqual(sent);
  });

  it('shows a link button without anything to send', () => {
    expect(renderActivityAsText(activity(hero([{ type: 'openUrl', title: 'Open', value: 'https://admin.example' }]))).buttons).toEqual([
      { title: 'Open', url: 'https://admin.example' },
    ]);
  });

  it.each([
    ['object data', { type: 'Action.Submit', title: 'Yes', data: { choice: 'yes' } }, { type: 'message', value: { choice: 'yes' } }],
    ['string data', { type: 'Action.Submit', title: 'Yes', data: 'yes' }, { type: 'message', text: 'yes' }],
    ['a Teams imBack', { type: 'Action.Submit', title: 'Yes', data: { msteams: { type: 'imBack', value: 'yes please' } } }, { type: 'message', text: 'yes please' }],
  ])('turns an Adaptive Card submit with %s into the activity Web Chat would send', (_name, action, sent) => {
    expect(renderActivityAsText(activity(adaptive([], [action]))).buttons[0]!.send).toEqual(sent);
  });

  it('walks an Adaptive Card body: text, facts, inputs, nested containers and action sets', () => {
    const rendered = renderActivityAsText(
      activity(
        adaptive([
          { type: 'TextBlock', text: 'Known incident' },
          { type: 'FactSet', facts: [{ title: 'ID', value: 'EX1' }] },
          { type: 'Container', items: [{ type: 'Input.Text', id: 'email', label: 'Email', value: 'dana@contoso.example' }] },
          { type: 'Input.ChoiceSet', id: 'method', label: 'Contact by', choices: [{ title: 'Phone' }, { title: 'Email' }] },
          { type: 'TextBlock', text: 'hidden', isVisible: false },
          { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Send', data: { choice: 'submit' } }] },
        ]),
      ),
    );
    expect(rendered.lines).toEqual(['Known incident', '  ID: EX1', '  ▸ Email (now: dana@contoso.example)', '  ▸ Contact by [Phone / Email]']);
    expect(rendered.buttons.map((b) => b.title)).toEqual(['Send']);
  });

  it('numbers suggested actions after card buttons', () => {
    const rendered = renderActivityAsText(
      activity({ ...hero([{ type: 'imBack', title: 'Open article', value: 'open' }]), suggestedActions: { actions: [{ type: 'imBack', title: 'Start over', value: 'start over' }] } }),
    );
    expect(rendered.buttons.map((b) => b.title)).toEqual(['Open article', 'Start over']);
  });
});
