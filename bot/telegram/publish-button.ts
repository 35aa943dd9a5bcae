import type { InlineKeyboard } from "grammy";
import type { Ticket } from "../../models/ticket.js";
import { cardPhotoId, isMarked } from "../../services/publication/photo-marks.js";
import { isPublished } from "../../services/publication/publication-rule.js";

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** Callback data of the card's publish button: `ph:<ticket id>:1` publishes the card's photo, `:0` takes it back. */
export const PUBLISH_DATA = /^ph:([0-9a-f]{24}):([01])$/;

/**
 * The card's own photo (the one posted above it) may be made public by the ward: one button,
 * shown while the ticket is public and has a photo, saying what pressing it will do.
 */
export function publishPhotoButton(t: Ticket, tr: Translate, keyboard: InlineKeyboard): void {
  const photo = cardPhotoId(t);
  if (!photo || !isPublished(t)) return;
  const marked = isMarked(t, photo);
  keyboard.text(tr(marked ? "btn-unpublish-photo" : "btn-publish-photo"), `ph:${t.id}:${marked ? 0 : 1}`).row();
}
