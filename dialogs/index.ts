export { type ConversationServices } from './services.js';
export { SupportBot } from './supportBot.js';
