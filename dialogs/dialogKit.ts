// The parts of botbuilder-dialogs the assistant uses, the classes taken from their own files. The
// package's index also loads every prompt it offers (number, date-time, choice, confirm...) and with them
// Microsoft's text recognizers for a dozen languages: about 12 MB of heap, some 20 MB of resident memory
// and 0.15 s of start-up for code the assistant never runs, since it reads typed replies itself
// (dialogs/understanding.ts). The files are the ones the index re-exports, so classes are the same
// objects either way. Types come from the package's index (they are erased at build).
// Dialog code imports from here (an ESLint rule keeps value imports of 'botbuilder-dialogs' out).
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { ListStyle, Prompt } from 'botbuilder-dialogs/lib/prompts/prompt.js';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type {
  Choice,
  DialogContext,
  DialogInstance,
  DialogState,
  DialogTurnResult,
  FoundChoice,
  PromptOptions,
  PromptRecognizerResult,
  PromptValidatorContext,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
