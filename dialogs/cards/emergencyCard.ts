import type { Attachment } from 'botbuilder';
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
export function containmentSteps(withLinks: boolean): ContainmentStep[] {
  const link = (title: string, url: string) => (withLinks ? { link: { title, url } } : {});
  return [
    {
      title: 'Block sign-in',
      how: 'In the Microsoft 365 admin center, go to Users > Active users, select the person and choose Block sign-in.',
      ...link('Microsoft 365 admin center', ADMIN_CENTER),
    },
    {
      title: 'Reset the password',
      how: "On the same page choose Reset password and set a new, strong one the attacker can't guess. For an account synced from Active Directory, reset it on-premises.",
      ...link('Microsoft 365 admin center', ADMIN_CENTER),
    },
    {
      title: 'Revoke sessions',
      how: 'In the Microsoft Entra admin center, open the person under Users and choose Revoke sessions, so the attacker is signed out of every app and device.',
      ...link('Microsoft Entra admin center', ENTRA_ADMIN_CENTER),
    },
    {
      title: 'Check forwarding and inbox rules',
      how: "In the Exchange admin center, open the person's mailbox and turn off any email forwarding you didn't set up; then remove inbox rules the person doesn't recognise (Outlook on the web > Settings > Mail > Rules).",
      ...link('Exchange admin center', EXCHANGE_ADMIN_CENTER),
    },
  ];
}

const HEADING = 'Compromised account: do these four things now';
const INTRO = 'They lock the attacker out. Do them in this order, before anything else.';

/** The containment steps as an Adaptive Card, with buttons to the admin centres where the cloud is worldwide. */
export function emergencyCard(withLinks: boolean): Attachment {
  const steps = containmentSteps(withLinks);
  const body: CardElement[] = [
    text(HEADING, { weight: 'Bolder', size: 'Medium', color: 'Attention' }),
    text(INTRO, { isSubtle: true }),
    ...steps.map((s, i) => text(`${i + 1}. **${s.title}**: ${s.how}${s.link ? ` [${s.link.title}](${s.link.url})` : ''}`, { spacing: 'Medium' })),
  ];
  const links = [...new Map(steps.filter((s) => s.link).map((s) => [s.link!.url, s.link!])).values()];
  return adaptiveCard(
    body,
    links.map((l) => ({ type: 'Action.OpenUrl', title: `Open the ${l.title}`, url: l.url })),
  );
}

/** The same steps for channels without cards. */
export function emergencyText(withLinks: boolean): string {
  const steps = containmentSteps(withLinks);
  return [`**${HEADING}**`, INTRO, ...steps.map((s, i) => `${i + 1}. **${s.title}**: ${s.how}${s.link ? ` ${s.link.url}` : ''}`)].join('\n');
}
