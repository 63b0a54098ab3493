// Query-side synonym expansion: the words admins type mapped to the words articles use. When any
// phrase of a group appears in the query, the group's `add` terms join the query at a reduced weight,
// so an article that uses the admin's own word still ranks first.
import type { Language } from '../i18n/index.js';
import { analyzeAllWith, analyzeWith, surfaces, type Analyzer } from './analyzer.js';
import type { SynonymGroup } from './synonymGroup.js';
import { chineseSynonymGroups, germanSynonymGroups } from './synonymsByLanguage.js';

export type { SynonymGroup } from './synonymGroup.js';

export const synonymGroups: readonly SynonymGroup[] = [
  // Mail flow and its symptoms
  { when: ['bounce', 'bounced', 'bouncing', 'bounces back', 'undeliverable', 'non delivery', 'returned to sender', 'rejected', 'delivery failure', 'mailer daemon'], add: 'ndr bounce undeliverable delivery' },
  { when: ['not arriving', 'not receiving', 'not getting email', 'not coming in', 'missing email', 'not delivered', 'stuck in outbox', 'delayed', 'queued', 'not receive', 'not send', 'send or receive', 'send and receive', 'send and receive email', 'send email', 'receive email', 'external addresses', 'outside recipients'], add: 'mail flow delivery' },
  { when: ['mx', 'mx record'], add: 'mx dns' },
  // Outages and availability
  { when: ['down', 'outage', 'offline', 'unreachable', 'unavailable', 'not loading', 'not load', 'inaccessible', 'error 503', 'http 500', '404', '503', 'site error'], add: 'down unavailable outage' },
  { when: ['known issue', 'service status', 'status page', 'incident', 'service degradation', 'advisory', 'just us', 'widespread', 'outage right now', 'having problems', 'having issues', 'problems today', 'issues today', 'down today', 'is it down', 'any issues with', 'is there an issue', 'is there a problem with'], add: 'service health incident' },
  // Billing
  { when: ['cancel', 'terminate', 'close our account', 'stop paying', 'unsubscribe', 'end our subscription', 'end the subscription', 'stop our subscription', 'stop the subscription', 'stop my subscription', 'close the subscription', 'no longer need', 'get rid of', 'refund'], add: 'cancel subscription' },
  { when: ['bill', 'invoice', 'charge', 'charged', 'statement', 'billing', 'overcharged', 'price went up', 'payment'], add: 'invoice bill charges' },
  { when: ['seat', 'seats', 'license', 'licenses', 'more users', 'new hire', 'new employees', 'hired', 'fewer users', 'more seats', 'add seats', 'extra seats', 'more licenses', 'additional licenses', 'extra licenses', 'unused licenses', 'assign more'], add: 'license add remove' },
  { when: ['renew', 'renewal', 'expire', 'expires', 'expiring', 'expiry', 'lapse', 'recurring billing', 'auto renew'], add: 'renew expiration' },
  { when: ['trial', 'free trial', 'free', 'to try', 'try out', 'try it', 'try before', 'before buying', 'before we buy', 'before i buy', 'evaluate', 'test drive', 'demo'], add: 'trial' },
  { when: ['switch to paid', 'convert', 'keep after the trial', 'pay for the trial', 'upgrade from trial', 'trial ends', 'trial ending', 'trial over'], add: 'convert trial paid' },
  { when: ['buy', 'purchase', 'order', 'subscribe', 'sign up'], add: 'buy purchase' },
  { when: ['charged twice', 'double charged', 'charged double', 'duplicate charge', 'two charges', 'credit card', 'debit card', 'declined', 'card expired', 'expired card', 'payment failed', 'failed payment', 'past due', 'overdue', 'payment method', 'bank transfer', 'wire transfer', 'direct debit'], add: 'payment card' },
  { when: ['enterprise agreement', 'ea', 'volume license', 'volume licensing', 'vlsc', 'open license', 'open value', 'mpsa', 'select plus', 'software assurance'], add: 'volume licensing agreement' },
  // Presales
  { when: ['price', 'pricing', 'cost', 'costs', 'how much', 'compare', 'comparison', 'difference between', 'which plan', 'what plan', 'features', 'included in', 'does it include'], add: 'plan pricing compare' },
  { when: ['partner', 'reseller', 'csp', 'consultant', 'msp', 'it consultancy', 'someone to set this up', 'someone to setup', 'delegated admin', 'gdap'], add: 'partner' },
  // Support itself
  { when: ['phone', 'telephone', 'hotline', 'phone number', 'number to call', 'call support', 'call you', 'call microsoft'], add: 'phone number call', unless: ['lost phone', 'lost his phone', 'lost her phone', 'lost my phone', 'lost their phone', 'stolen', 'new phone', 'mfa', '2fa', 'authenticator', 'android', 'iphone', 'enroll', 'enrol', 'intune', 'company portal'] },
  { when: ['opening hours', 'business hours', 'support hours', 'weekend', 'weekends', 'time zone', '24 7', 'what time'], add: 'hours' },
  { when: ['pin', 'verification code', 'caller verification', 'verify my identity', 'verify identity'], add: 'pin verification' },
  { when: ['premier', 'unified support', 'professional direct', 'faster response', 'priority support', 'paid support', 'dedicated engineer', 'elevated', 'premium support'], add: 'elevated premier professional direct' },
  { when: ['developer', 'dev', 'api', 'sdk', 'graph api', 'spfx', 'sharepoint framework', 'building an app', 'build an app', 'custom app', 'coding'], add: 'developer' },
  { when: ['uk', 'united kingdom', 'britain', 'england', 'usa', 'united states', 'germany', 'france', 'spain', 'italy', 'netherlands', 'canada', 'australia', 'india', 'japan', 'china', 'brazil', 'mexico', 'ireland', 'switzerland', 'sweden', 'poland', 'country', 'countries'], add: 'country phone' },
  { when: ['language', 'languages', 'spanish', 'french', 'german', 'japanese', 'chinese', 'portuguese', 'speak'], add: 'language' },
  // Out of scope
  { when: ['firewall', 'proxy', 'vpn', 'router', 'wifi', 'wi fi', 'wireless', 'lan', 'isp', 'bandwidth', 'local network', 'our network', 'internal dns', 'ports', 'packet loss', 'switch config'], add: 'network firewall proxy' },
  { when: ['salesforce', 'zoom', 'slack', 'dropbox', 'google drive', 'docusign', 'adobe', 'hubspot', 'zendesk', 'mimecast', 'proofpoint', 'barracuda', 'quickbooks', 'xero', 'sage', 'mailchimp', 'webex', 'boxcom', 'evernote', 'grammarly', 'vendor', 'non microsoft'], add: 'thirdparty addin vendor' },
  { when: ['script', 'scripts', 'my code', 'our code', 'runbook', 'automation script', 'ps1', 'debug'], add: 'script' },
  { when: ['personal', 'home', 'family', 'hotmail', 'outlook com', 'live com', 'msn', 'xbox', 'consumer', 'my own account', 'personal account', 'student', 'my kid', 'my son', 'my daughter', 'my wife', 'my husband'], add: 'personal home account' },
  { when: ['weather', 'recipe', 'football', 'movie', 'joke', 'stock price', 'restaurant', 'flight', 'homework', 'lottery', 'horoscope'], add: 'unrelated' },
  // Identity
  { when: ['password', 'pwd', 'passwd', 'pw', 'passcode', 'credentials', 'forgot', 'forgotten', 'locked out'], add: 'password reset' },
  { when: ['mfa', '2fa', 'multi factor', 'multifactor', 'two factor', 'two step', '2 step', 'second factor', 'authenticator', 'verification text', 'verification texts', 'sms code', 'text code', 'text codes', 'number matching'], add: 'mfa multifactor authentication' },
  { when: ['hacked', 'hacker', 'hack', 'phished', 'phishing', 'compromised', 'breach', 'breached', 'attacker', 'intruder', 'unauthorized access', 'nobody created', 'no one created', 'didnt create', 'did not create', 'weird rule', 'weird inbox rule', 'strange rule', 'strange inbox rule', 'unknown rule', 'unknown inbox rule', 'suspicious rule', 'suspicious inbox rule'], add: 'compromised attacker' },
  { when: ['never expire', 'expiration policy', 'expire every', 'password age'], add: 'password expiration policy' },
  { when: ['helpdesk admin', 'helpdesk administrator', 'help desk admin', 'least privilege', 'but nothing else', 'limited admin', 'partial admin', 'which role', 'global admin', 'global admins', 'global administrator', 'ga', 'admin role', 'admin roles', 'admin rights', 'admin permissions', 'privileges', 'who are the admins', 'who is the admin', 'who is our admin', 'make admin', 'make him admin', 'make her admin'], add: 'admin role' },
  { when: ['sso', 'federation', 'federated', 'adfs', 'saml', 'okta', 'ping identity', 'idp', 'identity provider'], add: 'sso federation' },
  { when: ['aad connect', 'azure ad connect', 'entra connect', 'ad connect', 'dirsync', 'directory sync', 'ad sync', 'sync error', 'sync errors', 'syncing', 'synchronization', 'synced', 'on prem ad', 'active directory'], add: 'directory synchronization entra connect', unless: ['onedrive', 'one drive', 'sync app', 'sync client', 'document library', 'files on demand'] },
  { when: ['azure ad', 'aad', 'azure active directory', 'entra id'], add: 'entra' },
  // Domains and provisioning
  { when: ['domain', 'vanity domain', 'custom domain', 'dns', 'txt record', 'cname', 'nameserver', 'name servers', 'registrar', 'godaddy', 'verify domain'], add: 'domain dns record' },
  { when: ['provision', 'provisioning', 'not created', 'no mailbox', 'missing mailbox', 'mailbox not showing', 'still has no', 'not ready', 'wasnt created', 'never got', 'pending', 'being set up', 'license assigned'], add: 'provisioning created', unless: ['sync pending', 'pending sync', 'upload pending'] },
  // Exchange recipients
  { when: ['migrate', 'migration', 'move mailboxes', 'moving mailboxes', 'transfer mailboxes', 'cutover', 'staged', 'hybrid', 'imap', 'pst', 'exchange 2010', 'exchange 2013', 'exchange 2016', 'exchange 2019', 'gmail', 'google workspace', 'g suite'], add: 'mailbox migration' },
  { when: ['forward', 'forwarding', 'redirect', 'auto forward', 'copy of email', 'copy of all email', 'send a copy'], add: 'forwarding' },
  { when: ['departed', 'left the company', 'leaver', 'ex employee', 'former employee', 'terminated employee', 'offboard', 'offboarding', 'quit', 'resigned'], add: 'former employee' },
  { when: ['sendas', 'sendonbehalf', 'full access', 'read another', 'manage mailbox', 'secretary', 'personal assistant', 'pa', 'deputy', 'someone elses mailbox', 'another users mailbox', 'colleagues mailbox', 'read my inbox', 'read my email', 'access my inbox', 'access my email', 'delegate', 'delegation', 'access to mailbox', 'open another mailbox', 'rights on mailbox', 'mailbox access', 'assistant', 'on behalf'], add: 'mailbox permission' },
  { when: ['shared mailbox', 'team inbox', 'info', 'generic mailbox', 'group mailbox', 'common mailbox', 'shared inbox'], add: 'shared mailbox' },
  { when: ['autodiscover', 'outlook profile', 'server settings', 'keeps asking', 'outlook setup', 'configure outlook', 'outlook not connect', 'outlook not find', 'outlook asks'], add: 'autodiscover' },
  { when: ['contact', 'mail contact', 'external contact', 'gal', 'global address list', 'address book'], add: 'contact' },
  { when: ['eac', 'exchange admin center', 'exchange admin centre', 'exchange portal', 'exchange console'], add: 'eac exchange admin center' },
  // SharePoint
  { when: ['sp', 'spo', 'sharepoint online'], add: 'sharepoint' },
  { when: ['intranet', 'team site', 'hub site', 'communication site', 'portal site', 'site collection'], add: 'sharepoint site' },
  { when: ['edit access', 'read access', 'access to the site', 'permission level', 'site permission', 'site owner', 'site member', 'visitors', 'owners group', 'members group'], add: 'sharepoint permission' },
  { when: ['guest', 'guests', 'external user', 'external users', 'outside people', 'people outside', 'outside the company', 'anonymous link', 'anyone link', 'share externally', 'shared with them', 'shared with', 'share a folder', 'share a file', 'share files', 'share folders', 'share a document', 'share documents', 'share a site', 'without a microsoft account', 'not have a microsoft account', 'another company', 'other company', 'other companies'], add: 'external sharing guest' },
  // OneDrive
  { when: ['one drive', 'odfb', 'sync app', 'sync client', 'sync icon', 'files on demand', 'processing changes', 'sync pending'], add: 'onedrive sync' },
  // Teams and Skype
  { when: ['skype', 'lync', 'sfb', 'skype for business'], add: 'skype teams' },
  { when: ['meeting', 'call', 'calls', 'calling', 'join', 'dial in', 'conference', 'video', 'audio', 'schedule a meeting'], add: 'meeting call' },
  { when: ['chat', 'instant message', 'instant messages', 'messaging'], add: 'chat instant message' },
  // Apps
  { when: ['office apps', 'office app', 'install office', 'word', 'excel', 'powerpoint', 'office suite', 'microsoft 365 apps', 'office proplus', 'proplus', 'click to run', 'odt', 'desktop apps'], add: 'microsoft 365 apps office install' },
  { when: ['activate', 'activation', 'unlicensed product', 'product key', 'reduced functionality', 'activation error'], add: 'activation' },
  { when: ['garbled', 'strange characters', 'weird characters', 'gibberish', 'question marks', 'squares', 'rendering', 'font', 'looks wrong', 'displays wrong', 'shows wrong'], add: 'garbled display' },
  { when: ['crash', 'crashes', 'crashing', 'freezes', 'hangs', 'not responding', 'safe mode'], add: 'crash' },
];

/** The synonym table of a language; Simplified and Traditional Chinese share one (search folds the scripts). */
export function synonymGroupsFor(language: Language): readonly SynonymGroup[] {
  if (language === 'de') return germanSynonymGroups;
  if (language === 'zh-Hans' || language === 'zh-Hant') return chineseSynonymGroups;
  return synonymGroups;
}

export interface CompiledSynonyms {
  /** Each group with its phrases and additions as stemmed term sequences. */
  groups: ReadonlyArray<{ when: readonly (readonly string[])[]; unless: readonly (readonly string[])[]; add: readonly string[] }>;
  /** Every surface word the table knows, so spelling correction does not "fix" them away. */
  words: ReadonlySet<string>;
}

export function compileSynonyms(groups: readonly SynonymGroup[], analyzer: Analyzer): CompiledSynonyms {
  const words = new Set<string>();
  const compiled = groups.map((g) => {
    for (const phrase of [...g.when, g.add]) for (const w of surfaces(analyzer, phrase)) words.add(w);
    const phrases = (list: readonly string[]) => list.map((p) => analyzeAllWith(analyzer, p)).filter((p) => p.length > 0);
    return { when: phrases(g.when), unless: phrases(g.unless ?? []), add: analyzeWith(analyzer, g.add) };
  });
  return { groups: compiled, words };
}

function containsSequence(terms: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (terms[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The stemmed terms to add for a query. `allTerms` is the query with its stop words (analyzeAll), so
 * a phrase such as "no mailbox" only fires on those words together; `contentTerms` are the terms the
 * query already has, which need no adding.
 */
export function expandSynonyms(
  synonyms: CompiledSynonyms,
  allTerms: readonly string[],
  contentTerms: readonly string[],
): string[] {
  const added = new Set<string>();
  for (const group of synonyms.groups) {
    if (group.unless.some((phrase) => containsSequence(allTerms, phrase))) continue;
    if (group.when.some((phrase) => containsSequence(allTerms, phrase))) for (const t of group.add) added.add(t);
  }
  for (const t of contentTerms) added.delete(t);
  return [...added];
}
