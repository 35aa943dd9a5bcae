import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import type { BotStateStore } from "../models/bot-state.js";

/** Conversation state on the mongoose connection, so a restart or another instance resumes it. */
export function mongoConversationStorage<S>(store: BotStateStore, prefix: string): VersionedStateStorage<string, S> {
  return {
    read: async (key) => (await store.read(prefix + key)) as VersionedState<S> | undefined,
    write: (key, state) => store.write(prefix + key, state),
    delete: (key) => store.delete(prefix + key),
  };
}
