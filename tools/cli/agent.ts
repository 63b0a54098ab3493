// `npm run agent -- add "Name"` creates a support agent and prints their token, once;
// `npm run agent -- list` shows the agents; `npm run agent -- remove <id>` (or `revoke <id>`) revokes one:
// their API calls get 401 at once, and their open console streams end at the next event or keep-alive.
// Uses the configured database (DATA_DIR or DATABASE_URL, from the environment or .env).
import { createAgentStore, type AgentListing } from '../../src/agents/index.js';
import { cliConfig, fail, openCliDatabase } from './cliDatabase.js';

const usage = [
  'usage: npm run agent -- add "Full Name" [--manager] [--json]   create an agent (a manager with --manager); prints their sign-in token once',
  '       npm run agent -- list [--json]              show agents, their roles and who is online',
  '       npm run agent -- role <agent-id> manager|agent   make an agent a manager (insights, webhooks) or a plain agent again',
  '       npm run agent -- remove <agent-id>          revoke an agent (history keeps their name); also: revoke <agent-id>',
].join('\n');

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never');

function table(agents: AgentListing[]): string {
  if (agents.length === 0) return 'No agents yet. Add one with: npm run agent -- add "Full Name"';
  const rows = [['ID', 'NAME', 'ROLE', 'ADDED', 'LAST SEEN', 'STATUS'], ...agents.map((a) => [a.id, a.name, a.role, day(a.createdAt).slice(0, 10), day(a.lastSeenAt), a.online ? (a.busy ? 'online, in a chat' : 'online') : 'offline'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const manager = args.includes('--manager');
  const [typed, ...rest] = args.filter((a) => a !== '--json' && a !== '--manager');
  const command = typed === 'revoke' ? 'remove' : typed;
  if (!command || command === '--help' || command === '-h' || command === 'help') fail(usage, command ? 0 : 1);
  if (!['add', 'list', 'remove', 'role'].includes(command)) fail(`Unknown command "${command}".\n${usage}`);
  if (command === 'role' && (rest.length !== 2 || !['manager', 'agent'].includes(rest[1]!))) fail('Give one agent id and the role: npm run agent -- role agent-1 manager (or agent)');
  if (command === 'add' && rest.join(' ').trim() === '') fail('Give the agent\'s name: npm run agent -- add "Full Name"');
  if (command === 'add' && rest.join(' ').trim().length > 100) fail('The name is too long (at most 100 characters).');
  if (command === 'remove' && rest.length !== 1) fail(`Give one agent id: npm run agent -- ${typed} agent-1 (see npm run agent -- list)`);

  const config = cliConfig();
  const db = await openCliDatabase(config);
  try {
    const agents = createAgentStore(db, { onlineMinutes: config.AGENT_ONLINE_MINUTES });
    if (command === 'add') {
      const { agent, token } = await agents.add(rest.join(' ').trim(), { role: manager ? 'manager' : 'agent' });
      if (json) {
        process.stdout.write(`${JSON.stringify({ id: agent.id, name: agent.name, token })}\n`);
      } else {
        process.stdout.write(
          [
            `Added ${agent.id} (${agent.name})${agent.role === 'manager' ? ', a manager' : ''}.`,
            'Sign-in token, shown only this once; give it to the agent over a safe channel:',
            '',
            `  ${token}`,
            '',
            `The agent signs in to the console at http://localhost:${config.PORT}/agent (or your server's address) with it.`,
            `Lost it? Remove the agent (npm run agent -- remove ${agent.id}) and add them again.`,
            '',
          ].join('\n'),
        );
      }
    } else if (command === 'role') {
      const [id, role] = rest as [string, 'manager' | 'agent'];
      if (await agents.setRole(id, role)) {
        process.stdout.write(`${id} is now ${role === 'manager' ? 'a manager: the console shows them the insights and the webhooks' : 'an agent'}.\n`);
      } else {
        process.stderr.write(`No agent with id "${id}". npm run agent -- list shows them.\n`);
        process.exitCode = 1;
      }
    } else if (command === 'list') {
      const list = await agents.list();
      process.stdout.write(json ? `${JSON.stringify(list)}\n` : `${table(list)}\n`);
    } else {
      const id = rest[0]!;
      const agent = await agents.get(id);
      if (agent && (await agents.remove(id))) {
        process.stdout.write(
          `Removed ${agent.id} (${agent.name}); their token no longer works.\n` +
            'Consoles they have open are signed out at their next event or keep-alive (within 25 seconds), on every instance.\n',
        );
      } else {
        process.stderr.write(`No agent with id "${id}". npm run agent -- list shows them.\n`);
        process.exitCode = 1;
      }
    }
  } finally {
    // Never process.exit() while the database is open: closing it is what makes the writes durable.
    await db.close();
  }
}

await main(process.argv.slice(2));
