/**
 * The layering rules of ARCHITECTURE.md, checked on every `npm test` (test/architecture/boundaries.test.ts)
 * and by `npm run lint:deps`. A module is a folder under src/ (src/channels/ with its subfolders is one
 * module) or the whole of dialogs/; its index.ts is its public face.
 */
const DOMAIN = '^src/(i18n|knowledge|support|tickets|handoff|agents|serviceHealth|selfHelp|contact|identity|cannedReplies|attachments|outbox|insights|webhooks|notifications)/';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules depend in one direction; a cycle means two modules are really one, or a type is in the wrong place.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-without-bot-framework',
      severity: 'error',
      comment: 'Domain modules are plain TypeScript: no Bot Framework, no conversation, no channel code (a move to the Agents SDK touches only the edge).',
      from: { path: DOMAIN },
      to: { path: ['(^|/)node_modules/(botbuilder|botframework-)', '^dialogs/', '^src/channels/', '^src/agentApi/', '^src/http/'] },
    },
    {
      name: 'channels-below-the-conversation',
      severity: 'error',
      comment: 'The channel edge carries activities; it does not know the conversation (the composition root wires them).',
      from: { path: '^src/channels/' },
      to: { path: '^dialogs/' },
    },
    {
      name: 'modules-through-their-index',
      severity: 'error',
      comment: "Another module's inside is private: import its index.ts.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^(src/[^/]+|dialogs)/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', '^dialogs/index\\.ts$'] },
    },
    {
      name: 'conversation-through-module-index',
      severity: 'error',
      comment: "The conversation uses the domain modules through their index.ts.",
      from: { path: '^dialogs/' },
      to: { path: '^src/[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'composition-through-module-index',
      severity: 'error',
      comment: 'The composition root (src/*.ts) and the tools use modules through their index.ts.',
      from: { path: ['^src/[^/]+\\.ts$', '^tools/'] },
      to: { path: '^(src/[^/]+|dialogs)/', pathNot: ['^src/[^/]+/index\\.ts$', '^dialogs/index\\.ts$'] },
    },
    {
      name: 'product-without-dev-dependencies',
      severity: 'error',
      comment: 'What `npm start` runs must not need a devDependency (a production install leaves them out).',
      from: { path: '^(src|dialogs)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json'] },
  },
};
