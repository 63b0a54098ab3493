import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type DirectLineActivity, renderActivityAsText, type TextButton } from '../../src/channels/index.js';
import { connect, DirectLineError, type DirectLineSession } from './directLineClient.js';

/**
 * `npm run chat`: talk to the running assistant from a terminal. It is a Direct Line client like the
 * web widget (same token route, same endpoint), so what works here works in the browser.
 *
 *   npm run chat                      the server at http://localhost:$PORT (3978)
 *   npm run chat -- --url https://bot.example.com
 *
 * Buttons on cards are numbered: type the number to press one. Piped input (not a terminal) sends
 * one line per turn, waiting for the assistant to finish answering before the next.
 */

const HELP = `Usage: npm run chat [-- --url <bot server URL>] [--name <your name>]

Talk to the running Support Assistant from the terminal.
  --url    the bot server (default $SUPPORT_ASSISTANT_URL or http://localhost:$PORT, port 3978)
  --name   the display name sent with your messages
Type a message and press Enter. Type the number of a card button to press it. /quit or Ctrl+C ends.`;

/** After a post, the bot is considered done once it has been quiet this long (piped input). */
const QUIET_MS = 700;
const TYPING_SHOWN_MS = 5_000;

const tty = Boolean(process.stdout.isTTY);
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[22m` : s);

async function main(): Promise<void> {
  let values: { url?: string; name?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { url: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    // A mistyped command line gets the reason and the usage, not a stack trace.
    console.error(`${(err as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const botUrl = values.url ?? process.env.SUPPORT_ASSISTANT_URL ?? `http://localhost:${process.env.PORT || 3978}`;

  const interactive = Boolean(process.stdin.isTTY);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  rl.setPrompt(bold('You: '));
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
      process.stdout.write(`\r\x1b[K${dim('Assistant is typing…')}`);
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
    const speaker = activity.from?.name && activity.from.name !== 'Support Assistant' ? activity.from.name : 'Assistant';
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
        if (state === 'reconnecting') print(dim('(connection lost, reconnecting…)'));
        if (state === 'ended') {
          print(dim(`(the conversation ended: ${detail ?? 'closed'})`));
          process.exit(1);
        }
      },
    });
  } catch (err) {
    const reason = err instanceof DirectLineError ? err.message : (err as Error).message;
    console.error(`Cannot start a chat with ${botUrl}: ${reason}\nIs the assistant running (npm start)? Use --url to point elsewhere.`);
    process.exit(1);
  }
  if (interactive) print(dim(`Connected to ${botUrl}. Type a message; /quit to leave.`));

  const send = async (line: string) => {
    const number = /^\d{1,2}$/.test(line) ? Number(line) : 0;
    const button = number >= 1 && number <= buttons.length ? buttons[number - 1]! : undefined;
    if (button && !button.send) {
      print(dim(`(open ${button.url} in a browser)`));
      return;
    }
    const activity = button ? button.send! : { type: 'message', text: line };
    if (button && !interactive) print(dim(`(pressed "${button.title}")`));
    waitingForReply = true;
    try {
      await session.post({ ...activity, ...(values.name ? { from: { name: values.name } } : {}) });
    } catch (err) {
      waitingForReply = false;
      print(dim(`(not sent: ${(err as Error).message})`));
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
    print(`${bold('You:')} ${line}`);
    await send(line);
    await settle();
  }
  quit();
}

void main();
