import { InlineKeyboard, Keyboard } from "grammy";
import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import { fullName, type LatLng, type WardRef } from "../../services/routing/ward-ref.js";
import { DATA, nextUpdate, pressed, type ReportConversation } from "./ask.js";

const WARD = `${DATA}w:`;
const WARD_CHOICES = 6;

export interface Place {
  location?: LatLng;
  address?: string;
  ward: WardRef;
}

/** Where the poster hangs: a shared location or venue, else a typed address and a ward picked by name. */
export async function collectPlace(conv: ReportConversation, deps: FeatureDeps, first: InnerContext): Promise<Place> {
  const keyboard = new Keyboard().requestLocation(first.t("button-send-location")).resized().oneTime();
  // Zalo shows no location button: its wording points to the how-to the Zalo bridge adds below.
  await first.reply(first.t(deps.channel === "zalo" ? "report-location-ask-zalo" : "report-location-ask"), { reply_markup: keyboard });
  for (;;) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      await pressed(conv, ctx, []);
      continue;
    }
    const venue = ctx.message?.venue;
    const shared = venue?.location ?? ctx.message?.location;
    if (shared) {
      const location = { lat: shared.latitude, lng: shared.longitude };
      const ward = await conv.external(() => deps.directory.locate(location.lat, location.lng));
      if (ward) return { location, address: venue?.address, ward };
      await ctx.reply(ctx.t("report-location-outside"));
      return { location, address: venue?.address, ward: await pickWard(conv, deps, ctx) };
    }
    const text = ctx.message?.text?.trim();
    if (text) return { address: text.slice(0, 300), ward: await pickWard(conv, deps, ctx) };
    await ctx.reply(ctx.t("report-location-wrong-kind"));
  }
}

/** Searches the ward directory by typed name (diacritics optional) until one is picked. */
async function pickWard(conv: ReportConversation, deps: FeatureDeps, first: InnerContext): Promise<WardRef> {
  await first.reply(first.t("report-ward-ask"), { reply_markup: { remove_keyboard: true } });
  let offered: string[] = [];
  for (;;) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      const data = await pressed(conv, ctx, offered);
      const ward = data && (await conv.external(() => deps.directory.byCode(data.slice(WARD.length))));
      if (ward) return ward;
      continue;
    }
    const query = ctx.message?.text?.trim();
    if (!query) {
      await ctx.reply(ctx.t("report-ward-ask"));
      continue;
    }
    const found = await conv.external(() => deps.directory.search(query, { limit: WARD_CHOICES }));
    if (found.length === 0) {
      await ctx.reply(ctx.t("report-ward-none", { query: query.slice(0, 60) }));
      continue;
    }
    offered = found.map((w) => WARD + w.code);
    const keyboard = new InlineKeyboard();
    for (const w of found) keyboard.text(`${fullName(w)}, ${w.provinceName}`, WARD + w.code).row();
    await ctx.reply(ctx.t("report-ward-pick"), { reply_markup: keyboard });
  }
}
