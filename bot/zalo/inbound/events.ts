/** The parts of Zalo OA webhook events we read; Zalo sends more. */
export interface ZaloAttachment {
  type: string;
  payload?: {
    url?: string;
    thumbnail?: string;
    name?: string;
    size?: string | number;
    type?: string;
    /** Zalo sends latitude/longitude (as strings); some integrations document lat/long. */
    coordinates?: { latitude?: string | number; longitude?: string | number; lat?: string | number; long?: string | number };
  };
}

export interface ZaloEvent {
  app_id: string;
  event_name: string;
  timestamp: string;
  sender?: { id: string; display_name?: string };
  follower?: { id: string; display_name?: string };
  message?: { msg_id?: string; text?: string; attachments?: ZaloAttachment[] };
}

/** Media Zalo lets users send that a report cannot use: answered with a polite refusal. */
export const REFUSED_EVENTS = ["user_send_sticker", "user_send_gif", "user_send_audio", "user_send_video"] as const;

/** The Zalo user an event is about (sender of a message, or the follower). */
export function zaloUserOf(e: ZaloEvent): string | undefined {
  return e.sender?.id ?? e.follower?.id;
}

/** The user's Zalo name when the event carries one (then nobody needs to ask Zalo for it). */
export function zaloNameIn(e: ZaloEvent): string | undefined {
  const name = e.sender?.display_name ?? e.follower?.display_name;
  return typeof name === "string" && name.trim() ? name.trim() : undefined;
}

/** Dedupe key: Zalo's msg_id, else the event's name, user and time (follow and unfollow carry no msg_id). */
export function zaloEventKey(e: ZaloEvent): string {
  return e.message?.msg_id ? `msg:${e.message.msg_id}` : `${e.event_name}:${zaloUserOf(e) ?? "?"}:${e.timestamp}`;
}

export function coordinatesOf(a: ZaloAttachment | undefined): { latitude: number; longitude: number } | undefined {
  const c = a?.payload?.coordinates;
  if (!c) return undefined;
  const latitude = Number(c.latitude ?? c.lat);
  const longitude = Number(c.longitude ?? c.long);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}
