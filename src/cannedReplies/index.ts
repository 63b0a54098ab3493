// Public API of canned replies: the agents' shared reply texts (table canned_replies) and their placeholders.
export {
  createCannedReplyStore,
  DuplicateTitleError,
  type CannedReply,
  type CannedReplyInput,
  type CannedReplyStore,
} from './cannedReplyStore.js';
export { fillPlaceholders, PLACEHOLDERS, unknownPlaceholders, type Placeholder, type PlaceholderValues } from './placeholders.js';
