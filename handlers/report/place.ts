import { InlineKeyboard, Keyboard } from "grammy";
import type { FeatureDeps, InnerContext } from "../../bot/deps.js";
import { searchVenues } from "../../services/registry/venue-search.js";
import type { VenueRef } from "../../services/registry/venue-ref.js";
import { createWardResolver, type Routing, type RoutingInput } from "../../services/routing/resolve-ward.js";
import { fullName, type LatLng, type WardRef } from "../../services/routing/ward-ref.js";
import { DATA, choose, nextUpdate, pressed, type ReportConversation } from "./ask.js";
import { shorten } from "./photos.js";

const WARD = `${DATA}w:`;
const VENUE = `${DATA}v:`;
const NONE = `${DATA}v-none`;
const [HERE, NOT_HERE] = [`${DATA}cv-yes`, `${DATA}cv-no`];
const WARD_CHOICES = 6;
const VENUE_CHOICES = 5;
const RECENT_TICKETS = 10;

export interface Place {
  location?: LatLng;
  address?: string;
  ward: WardRef;
  /** How the ward was found (see resolveWard). */
  routing: Routing["method"];
  /** The registered venue the resident named, when they picked one. */
  venue?: VenueRef;
}

/**
 * Where the poster hangs. Routing is resolveWard's: a shared location decides; else the venue
 * the resident names (searched by name or address) or the venue the photo's code points to
 * gives its registered place and ward; else the resident picks a ward by name.
 */
export async function collectPlace(conv: ReportConversation, deps: FeatureDeps, first: InnerContext, codeVenue?: VenueRef): Promise<Place> {
  const resolveWard = createWardResolver({ directory: deps.directory, venues: deps.stores.venues });
  const resolve = (input: RoutingInput) => conv.external(() => resolveWard(input));
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
      const routed = await resolve({ location });
      if (routed) return { location, address: venue?.address, ward: routed.ward, routing: routed.method };
      await ctx.reply(ctx.t("report-location-outside"));
      return { location, address: venue?.address, ...(await pickWard(conv, deps, ctx, resolve)) };
    }
    const text = ctx.message?.text?.trim();
    if (!text) {
      await ctx.reply(ctx.t("report-location-wrong-kind"));
      continue;
    }
    const named = await pickVenue(conv, deps, ctx, text);
    let venuePlace: Place | undefined;
    if (named) venuePlace = await atVenue(named, resolve);
    else if (codeVenue && (await isCodeVenue(conv, deps, ctx, codeVenue))) venuePlace = await atVenue(codeVenue, resolve);
    if (venuePlace) return venuePlace;
    return { address: (named?.address ?? text).slice(0, 300), ...(await pickWard(conv, deps, ctx, resolve)) };
  }
}

type Resolve = (input: RoutingInput) => Promise<Routing | undefined>;

/** A registered venue's place: its registered location, address and ward (undefined if the directory lacks that ward). */
async function atVenue(venue: VenueRef, resolve: Resolve): Promise<Place | undefined> {
  const routed = await resolve({ venueCode: venue.code });
  return routed && { location: venue.location, address: venue.address, ward: routed.ward, routing: routed.method, venue };
}

/** Offers the registered venues matching the typed text; undefined when none match or none is the one. */
async function pickVenue(conv: ReportConversation, deps: FeatureDeps, ctx: InnerContext, text: string): Promise<VenueRef | undefined> {
  const found = await conv.external(() => searchVenues(deps.stores.venues, text, VENUE_CHOICES));
  if (found.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const v of found) keyboard.text(shorten(`${v.name} — ${v.address}`, 60), VENUE + v.code).row();
  keyboard.text(ctx.t("button-venue-none"), NONE);
  await ctx.reply(ctx.t("report-venue-pick"), { reply_markup: keyboard });
  const data = await choose(conv, deps, [...found.map((v) => VENUE + v.code), NONE]);
  return found.find((v) => VENUE + v.code === data);
}

/** Asks whether the poster hangs at the venue its code belongs to. */
async function isCodeVenue(conv: ReportConversation, deps: FeatureDeps, ctx: InnerContext, venue: VenueRef): Promise<boolean> {
  await ctx.reply(ctx.t("report-code-venue-here", { venue: venue.name, address: venue.address }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-yes-here"), HERE).text(ctx.t("button-no-elsewhere"), NOT_HERE),
  });
  return (await choose(conv, deps, [HERE, NOT_HERE])) === HERE;
}

/**
 * Searches the ward directory by typed name (diacritics optional) until one is picked; the
 * resident's recent wards and the deployment's provinces come first, every choice names its province.
 */
async function pickWard(conv: ReportConversation, deps: FeatureDeps, first: InnerContext, resolve: Resolve): Promise<{ ward: WardRef; routing: Routing["method"] }> {
  await first.reply(first.t("report-ward-ask"), { reply_markup: { remove_keyboard: true } });
  const accountId = first.account.id;
  const prefer = await conv.external(async () => ({
    wardCodes: await recentWardCodes(deps, accountId),
    provinceCodes: deps.directory.servedProvinces(),
  }));
  let offered: string[] = [];
  for (;;) {
    const ctx = await nextUpdate(conv, deps);
    if (ctx.callbackQuery) {
      const data = await pressed(conv, ctx, offered);
      const routed = data && (await resolve({ chosenWardCode: data.slice(WARD.length) }));
      if (routed) return { ward: routed.ward, routing: routed.method };
      continue;
    }
    const query = ctx.message?.text?.trim();
    if (!query) {
      await ctx.reply(ctx.t("report-ward-ask"));
      continue;
    }
    const found = await conv.external(() => deps.directory.search(query, { limit: WARD_CHOICES, prefer }));
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

/** Wards of the resident's latest tickets, newest first. */
async function recentWardCodes(deps: FeatureDeps, accountId: string): Promise<string[]> {
  const { tickets } = await deps.stores.tickets.ofReporter(accountId, { skip: 0, limit: RECENT_TICKETS });
  return [...new Set(tickets.map((t) => t.wardCode))];
}
