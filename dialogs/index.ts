export { type ConversationServices } from './services.js';
export { SupportBot } from './supportBot.js';
export { satisfactionFollowUp } from './satisfaction.js';
