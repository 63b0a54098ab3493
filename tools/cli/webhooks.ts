// `npm run webhooks -- <command>`: the team's webhook endpoints and their deliveries, on the configured
// database (DATA_DIR or DATABASE_URL, from the environment or .env), as a manager does in the console.
import { createWebhookDeliveries, createWebhookEndpoints, webhookEventTypes, WebhookInputError, type WebhookDelivery, type WebhookEndpoint } from '../../src/webhooks/index.js';
import { cliConfig, fail, openCliDatabase } from './cliDatabase.js';

const usage = [
  'usage: npm run webhooks -- add <url> --events ticket.created,ticket.closed [--description "Zendesk"] [--json]',
  '       npm run webhooks -- list [--json]                   endpoints, their event types and state',
  '       npm run webhooks -- disable <id> | enable <id>      stop or resume deliveries to an endpoint',
  '       npm run webhooks -- rotate-secret <id>              a new signing secret, shown once',
  '       npm run webhooks -- remove <id>                     the endpoint and its deliveries',
  '       npm run webhooks -- deliveries [--dead] [--json]    recent deliveries (--dead: the dead letters)',
  '       npm run webhooks -- replay <delivery-id>            send a dead letter again, same Webhook-Id',
  `event types: ${webhookEventTypes.join(', ')}`,
].join('\n');

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value.\n${usage}`);
  args.splice(i, 2);
  return value;
}

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '');

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

const endpointTable = (list: WebhookEndpoint[]) =>
  list.length === 0
    ? 'No webhook endpoints yet. Add one with: npm run webhooks -- add https://helpdesk.example.com/hooks --events ticket.created'
    : columns([['ID', 'URL', 'EVENTS', 'STATE'], ...list.map((e) => [e.id, e.url, e.events.join(','), e.enabled ? 'on' : `off (${e.disabledReason ?? 'turned off'})`])]);

const deliveryTable = (list: WebhookDelivery[]) =>
  list.length === 0
    ? 'No deliveries.'
    : columns([
      ['ID', 'ENDPOINT', 'EVENT', 'REQUEST', 'STATE', 'TRIES', 'LAST', 'WHEN'],
      ...list.map((d) => [d.id, d.endpointId, d.eventType, d.subject ?? '', d.state, String(d.attempts), d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : ''), when(d.updatedAt)]),
    ]);

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const json = args.includes('--json');
  const dead = args.includes('--dead');
  const events = option(args, '--events');
  const description = option(args, '--description');
  const [command, ...rest] = args.filter((a) => a !== '--json' && a !== '--dead');
  const known = ['add', 'list', 'disable', 'enable', 'rotate-secret', 'remove', 'deliveries', 'replay'];
  if (!command || ['help', '--help', '-h'].includes(command)) fail(usage, command ? 0 : 1);
  if (!known.includes(command)) fail(`Unknown command "${command}".\n${usage}`);
  if (command === 'add' && (rest.length !== 1 || !events)) fail(`Give the URL and the event types: npm run webhooks -- add https://… --events ticket.created\n${usage}`);
  if (['disable', 'enable', 'rotate-secret', 'remove', 'replay'].includes(command) && rest.length !== 1) fail(`Give one id: npm run webhooks -- ${command} <id> (see npm run webhooks -- ${command === 'replay' ? 'deliveries --dead' : 'list'})`);

  const config = cliConfig();
  const db = await openCliDatabase(config);
  const policy = { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS };
  const endpoints = createWebhookEndpoints(db, policy);
  const deliveries = createWebhookDeliveries(db);
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const missing = (id: string) => {
    process.stderr.write(`No webhook endpoint "${id}". npm run webhooks -- list shows them.\n`);
    process.exitCode = 1;
  };
  try {
    switch (command) {
      case 'add': {
        try {
          const { endpoint, secret } = await endpoints.create({ url: rest[0]!, events: events!.split(',').map((e) => e.trim()) as never, description: description ?? '' }, 'cli');
          if (json) out(JSON.stringify({ ...endpoint, secret }));
          else out([`Added ${endpoint.id}: ${endpoint.url} (${endpoint.events.join(', ')}).`, 'Signing secret, shown only this once; put it in the receiver now:', '', `  ${secret}`, '', 'docs/webhooks.md shows how the receiver checks it.'].join('\n'));
        } catch (err) {
          if (err instanceof WebhookInputError) {
            process.stderr.write(`Not added: ${err.message}\n`);
            process.exitCode = 1;
          } else throw err;
        }
        break;
      }
      case 'list': {
        const list = await endpoints.list();
        out(json ? JSON.stringify(list) : endpointTable(list));
        break;
      }
      case 'disable':
      case 'enable': {
        const updated = await endpoints.update(rest[0]!, { enabled: command === 'enable' });
        if (updated) out(`${updated.id} is ${updated.enabled ? 'on: deliveries resume' : 'off: no more deliveries until it is enabled'}.`);
        else missing(rest[0]!);
        break;
      }
      case 'rotate-secret': {
        const secret = await endpoints.rotateSecret(rest[0]!);
        if (secret) out(`New signing secret of ${rest[0]}, in force now and shown only this once:\n\n  ${secret}\n`);
        else missing(rest[0]!);
        break;
      }
      case 'remove': {
        if (await endpoints.remove(rest[0]!)) out(`Removed ${rest[0]} and its deliveries.`);
        else missing(rest[0]!);
        break;
      }
      case 'deliveries': {
        const list = await deliveries.list({ state: dead ? 'dead' : undefined, limit: 100 });
        out(json ? JSON.stringify(list) : deliveryTable(list));
        break;
      }
      case 'replay': {
        if (await deliveries.replay(rest[0]!)) out(`Delivery ${rest[0]} will be sent again by the running assistant, with the same Webhook-Id.`);
        else {
          process.stderr.write(`Delivery "${rest[0]}" is not a dead letter (npm run webhooks -- deliveries --dead lists them).\n`);
          process.exitCode = 1;
        }
        break;
      }
    }
  } finally {
    await db.close();
  }
}

await main(process.argv.slice(2));
