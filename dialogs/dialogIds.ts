/** The id of the support conversation's outer dialog, for code that must restart it without importing it. */
export const MAIN_DIALOG_ID = 'mainDialog';
