import type { Attachment } from 'botbuilder';
import { DEFAULT_LANGUAGE, translate, type Language, type MessageKey } from '../../src/i18n/index.js';
import { adaptiveCard, text, type CardElement } from './adaptiveCard.js';

/** The admin centres of the worldwide cloud; other clouds have their own, so their steps name no link. */
const ADMIN_CENTER = 'https://admin.microsoft.com';
const ENTRA_ADMIN_CENTER = 'https://entra.microsoft.com';
const EXCHANGE_ADMIN_CENTER = 'https://admin.exchange.microsoft.com';

interface ContainmentStep {
  title: string;
  how: string;
  link?: { title: string; url: string };
}

/** The first four things to do for a compromised account, in order: lock the attacker out before anything else. */
export function containmentSteps(withLinks: boolean, language: Language = DEFAULT_LANGUAGE): ContainmentStep[] {
  const say = (key: MessageKey) => translate(language, key);
  const link = (title: MessageKey, url: string) => (withLinks ? { link: { title: say(title), url } } : {});
  return [
    { title: say('emergency.blockSignIn'), how: say('emergency.blockSignIn.how'), ...link('emergency.adminCenter', ADMIN_CENTER) },
    { title: say('emergency.resetPassword'), how: say('emergency.resetPassword.how'), ...link('emergency.adminCenter', ADMIN_CENTER) },
    { title: say('emergency.revokeSessions'), how: say('emergency.revokeSessions.how'), ...link('emergency.entraAdminCenter', ENTRA_ADMIN_CENTER) },
    { title: say('emergency.checkForwarding'), how: say('emergency.checkForwarding.how'), ...link('emergency.exchangeAdminCenter', EXCHANGE_ADMIN_CENTER) },
  ];
}

const stepLine = (language: Language, s: ContainmentStep, i: number, link: string) =>
  `${translate(language, 'emergency.step', { number: i + 1, title: s.title, how: s.how })}${link}`;

/** The containment steps as an Adaptive Card, with buttons to the admin centres where the cloud is worldwide. */
export function emergencyCard(withLinks: boolean, language: Language = DEFAULT_LANGUAGE): Attachment {
  const steps = containmentSteps(withLinks, language);
  const body: CardElement[] = [
    text(translate(language, 'emergency.heading'), { weight: 'Bolder', size: 'Medium', color: 'Attention' }),
    text(translate(language, 'emergency.headingIntro'), { isSubtle: true }),
    ...steps.map((s, i) => text(stepLine(language, s, i, s.link ? ` [${s.link.title}](${s.link.url})` : ''), { spacing: 'Medium' })),
  ];
  const links = [...new Map(steps.filter((s) => s.link).map((s) => [s.link!.url, s.link!])).values()];
  return adaptiveCard(
    body,
    links.map((l) => ({ type: 'Action.OpenUrl', title: translate(language, 'emergency.openLink', { title: l.title }), url: l.url })),
  );
}

/** The same steps for channels without cards. */
export function emergencyText(withLinks: boolean, language: Language = DEFAULT_LANGUAGE): string {
  const steps = containmentSteps(withLinks, language);
  return [
    `**${translate(language, 'emergency.heading')}**`,
    translate(language, 'emergency.headingIntro'),
    ...steps.map((s, i) => stepLine(language, s, i, s.link ? ` ${s.link.url}` : '')),
  ].join('\n');
}
