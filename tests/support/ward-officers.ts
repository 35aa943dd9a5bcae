import { telegramSender } from "../../bot/telegram/telegram-sender.js";
import { createWardOutboxWorker } from "../../bot/telegram/ward-outbox.js";
import type { Role } from "../../models/account.js";
import { createLogger } from "../../platform/logger.js";
import { createInvitation, type InviteScope } from "../../services/access/invitations.js";
import { createOutboxWorker } from "../../services/notify/outbox-worker.js";
import type { ChannelSenders } from "../../services/notify/resident-message.js";
import type { BotHarness } from "./bot-harness.js";
import { TelegramTestUser } from "./telegram-user.js";

const logger = createLogger("silent");

/**
 * The ward's side of a Telegram harness: staff who joined through a real invitation link, and
 * the outbox workers that post cards and deliver status messages (on Telegram, plus any other
 * channel's sender, e.g. Zalo's).
 */
export function wardOfficers(h: BotHarness) {
  return {
    async invite(userId: number, scope: InviteScope): Promise<TelegramTestUser> {
      const user = new TelegramTestUser(h.api, userId);
      const { token } = await createInvitation({ ...h.stores, clock: () => h.now.value }, scope, "test");
      await user.say(`/start inv_${token}`);
      await user.expectReply(welcome[scope.role as Role] ?? /Chào mừng/);
      return user;
    },
    workers(senders: ChannelSenders = {}) {
      const deps = { api: h.assembled.bot.api, i18n: h.assembled.i18n, stores: h.stores, clock: () => h.now.value, logger };
      return {
        cards: createWardOutboxWorker({ ...deps, defaultLocale: "vi" }),
        residents: createOutboxWorker({ outbox: h.stores.outbox, accounts: h.stores.accounts, senders: { telegram: telegramSender(deps.api, deps.i18n), ...senders }, clock: deps.clock, logger }),
      };
    },
  };
}

const welcome: Partial<Record<Role, RegExp>> = {
  officer: /Bạn là cán bộ của Phường [^,]+, Thành phố Huế\./,
  supervisor: /Bạn giám sát Thành phố Huế/,
  enforcement: /đội xử lý vi phạm của Thành phố Huế/,
};
