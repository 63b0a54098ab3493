import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { type DirectLineActivity, renderActivityAsText, type TextButton } from '../../src/channels/index.js';
import { DEFAULT_LANGUAGE, formattingLocale, languageFromLocale, translate, type Language, type MessageKey, type MessageValues } from '../../src/i18n/index.js';
import { connect, DirectLineError, type DirectLineSession } from './directLineClient.js';

/**
 * `npm run chat`: talk to the running assistant from a terminal. It is a Direct Line client like the
 * web widget (same token route, same endpoint), so what works here works in the browser.
 *
 *   npm run chat                      the server at http://localhost:$PORT (3978)
 *   npm run chat -- --url https://bot.example.com
 *   npm run chat -- --lang de         in German (en, de, zh-Hans, zh-Hant; default from LC_ALL/LANG)
 *
 * Buttons on cards are numbered: type the number to press one. Piped input (not a terminal) sends
 * one line per turn, waiting for the assistant to finish answering before the next. Every activity
 * carries the chat's locale and the terminal's time zone, as Web Chat's do; the client's own lines
 * come from the clients catalog in that language.
 */

/** The locale the environment asks for: LC_ALL, then LC_MESSAGES, then LANG (de_DE.UTF-8 is de-DE). */
export function localeFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value.trim());
  const locale = raw?.trim().replace(/[.@].*$/, '').replace(/_/g, '-');
  return locale && locale !== 'C' && locale !== 'POSIX' ? locale : undefined;
}

/** The chat's language and the locale its activities carry, from --lang or the environment's locale. */
export function chatLocale(requested: string | undefined): { language: Language; locale: string } | undefined {
  const language = requested ? languageFromLocale(requested) : DEFAULT_LANGUAGE;
  if (!language) return undefined;
  const locale = formattingLocale(language, requested);
  // "--lang de" or "zh-Hant" names no place: the language's usual formats (de-DE, zh-TW) are meant.
  return { language, locale: new Intl.Locale(locale).region ? locale : formattingLocale(language) };
}

/** After a post, the bot is considered done once it has been quiet this long (piped input). */
const QUIET_MS = 700;
const TYPING_SHOWN_MS = 5_000;

const tty = Boolean(process.stdout.isTTY);
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);

async function main(): Promise<void> {
  // The environment's language until --lang is read (an unsupported one is English).
  let { language, locale } = chatLocale(localeFromEnvironment()) ?? chatLocale(undefined)!;
  const t = (key: MessageKey, values?: MessageValues) => translate(language, key, values, locale);
  let values: { url?: string; name?: string; lang?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { url: { type: 'string' }, name: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    // A mistyped command line gets the reason and the usage, not a stack trace.
    console.error(`${(err as Error).message}\n\n${t('chat.help')}`);
    process.exitCode = 2;
    return;
  }
  if (values.lang !== undefined) {
    const chosen = chatLocale(values.lang.trim());
    if (!chosen) {
      console.error(`${t('chat.unknownLanguage', { value: values.lang })}\n\n${t('chat.help')}`);
      process.exitCode = 2;
      return;
    }
    ({ language, locale } = chosen);
  }
  if (values.help) {
    console.log(t('chat.help'));
    return;
  }
  // Sent on every activity, as Web Chat sends the browser's: the bot shows times in the admin's zone.
  const localTimezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const botUrl = values.url ?? process.env.SUPPORT_ASSISTANT_URL ?? `http://localhost:${process.env.PORT || 3978}`;

  const interactive = Boolean(process.stdin.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  rl.setPrompt(bold(`${t('chat.you')} `));
  // Piped lines are buffered from the start; they would be lost while connecting otherwise.
  const pipedLines = interactive ? undefined : rl[Symbol.asyncIterator]();

  let buttons: TextButton[] = [];
  // The assistant greets a new conversation: that first answer is awaited like any other.
  let waitingForReply = true;
  let typingUntil = 0;
  let lastBotActivityAt = Date.now();
  let statusShown = false;

  /** Prints above the prompt without mangling what the user is typing. */
  const print = (text: string) => {
    if (interactive) process.stdout.write('\r\x1b[K');
    statusShown = false;
    process.stdout.write(`${text}\n`);
    if (interactive) rl.prompt(true);
  };

  // The typing indicator: while a reply is awaited, or for a few seconds after the bot says it types.
  const indicator = setInterval(() => {
    if (!interactive) return;
    const show = waitingForReply || Date.now() < typingUntil;
    if (show && !statusShown) {
      process.stdout.write(`\r\x1b[K${dim(t('chat.typing'))}`);
      statusShown = true;
    } else if (!show && statusShown) {
      statusShown = false;
      process.stdout.write('\r\x1b[K');
      rl.prompt(true);
    }
  }, 150);
  indicator.unref();

  const onActivity = (activity: DirectLineActivity) => {
    if (activity.from?.role === 'user') return; // our own echo
    lastBotActivityAt = Date.now();
    if (activity.type === 'typing') {
      typingUntil = Date.now() + TYPING_SHOWN_MS;
      return;
    }
    if (activity.type !== 'message') return;
    waitingForReply = false;
    typingUntil = 0;
    const { lines, buttons: offered } = renderActivityAsText(activity);
    // An agent who joins speaks under their own name; the bot's account name is not shown.
    const speaker = activity.from?.name && activity.from.name !== 'Support Assistant' ? activity.from.name : t('chat.assistant');
    const body = lines.length ? lines.join('\n') : '';
    let text = `${bold(`${speaker}:`)} ${body}`;
    if (offered.length) {
      buttons = offered;
      text += `\n${offered.map((b, i) => `  [${i + 1}] ${b.title}${b.url ? ` → ${b.url}` : ''}`).join('\n')}`;
    }
    print(text);
  };

  let session: DirectLineSession;
  try {
    session = await connect({
      botUrl,
      onActivity,
      onConnectionChange: (state, detail) => {
        if (state === 'reconnecting') print(dim(t('chat.reconnecting')));
        if (state === 'ended') {
          print(dim(detail ? t('chat.ended', { reason: detail }) : t('chat.endedClosed')));
          process.exit(1);
        }
      },
    });
  } catch (err) {
    const reason = err instanceof DirectLineError ? err.message : (err as Error).message;
    console.error(t('chat.cannotStart', { url: botUrl, reason }));
    process.exit(1);
  }
  if (interactive) print(dim(t('chat.connected', { url: botUrl })));

  const send = async (line: string) => {
    const number = /^\d{1,2}$/.test(line) ? Number(line) : 0;
    const button = number >= 1 && number <= buttons.length ? buttons[number - 1]! : undefined;
    if (button && !button.send) {
      print(dim(t('chat.openInBrowser', { url: button.url ?? '' })));
      return;
    }
    const activity = button ? button.send! : { type: 'message', text: line };
    if (button && !interactive) print(dim(t('chat.pressed', { title: button.title })));
    waitingForReply = true;
    try {
      await session.post({ ...activity, locale, localTimezone, ...(values.name ? { from: { name: values.name } } : {}) });
    } catch (err) {
      waitingForReply = false;
      print(dim(t('chat.notSent', { reason: (err as Error).message })));
    }
  };

  const quit = (code = 0) => {
    session.close();
    rl.close();
    process.exit(code);
  };

  if (interactive) {
    rl.prompt();
    rl.on('line', (raw) => {
      const line = raw.trim();
      if (line === '/quit' || line === '/exit') return quit();
      if (line) void send(line);
      rl.prompt(true);
    });
    rl.on('close', () => quit());
    return;
  }

  // Piped: one line per turn, each after the bot has gone quiet.
  const settle = async (maxMs = 20_000) => {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline && (waitingForReply || Date.now() - lastBotActivityAt < QUIET_MS)) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await settle(5_000);
  waitingForReply = false;
  for await (const raw of { [Symbol.asyncIterator]: () => pipedLines! }) {
    const line = raw.trim();
    if (!line) continue;
    if (line === '/quit' || line === '/exit') break;
    print(`${bold(t('chat.you'))} ${line}`);
    await send(line);
    await settle();
  }
  quit();
}

// Run as `npm run chat`; imported (by a test), it only lends its functions.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
