/** The commands a resident sees in Telegram's menu, in menu order. */
export const RESIDENT_COMMANDS = ["report", "mytickets", "ticket", "withdraw", "mydata", "forgetme", "language", "help", "cancel", "start"] as const;
