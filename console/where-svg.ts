import type { LatLng } from "../services/routing/ward-ref.js";
import { html, type Html } from "./html.js";

const W = 320;
const H = 160;
const PAD = 40;

/**
 * Where a photo was taken beside where it was reported, as a small drawing in metres
 * (north up; no tiles, nothing fetched): two dots, the line between them and a scale bar.
 */
export function whereSvg(reported: LatLng, photo: LatLng, distance: number, labels: { reported: string; photo: string }): Html {
  const mPerDegLat = 111_320;
  const mPerDegLng = 111_320 * Math.cos((reported.lat * Math.PI) / 180);
  const dx = (photo.lng - reported.lng) * mPerDegLng;
  const dy = (photo.lat - reported.lat) * mPerDegLat;
  const span = Math.max(Math.abs(dx) / (W - 2 * PAD), Math.abs(dy) / (H - 2 * PAD), 0.05);
  const cx = W / 2 - dx / span / 2;
  const cy = H / 2 + dy / span / 2;
  const px = cx + dx / span;
  const py = cy - dy / span;
  // A round scale bar of about a quarter of the width.
  const raw = (W / 4) * span;
  const step = 10 ** Math.floor(Math.log10(raw));
  const bar = [1, 2, 5, 10].map((k) => k * step).filter((m) => m <= raw).pop() ?? step;
  const barPx = bar / span;
  const n = (x: number) => x.toFixed(1);
  return html`<svg class="where" viewBox="0 0 ${W} ${H}" role="img" aria-label="${labels.reported} · ${labels.photo}: ${Math.round(distance)} m">
    <line x1="${n(cx)}" y1="${n(cy)}" x2="${n(px)}" y2="${n(py)}" stroke="#5f6b7a" stroke-dasharray="4 3"/>
    <circle cx="${n(cx)}" cy="${n(cy)}" r="6" fill="#0b4f8a"/><text x="${n(cx + 9)}" y="${n(cy - 8)}" font-size="11" fill="#0b4f8a">${labels.reported}</text>
    <circle cx="${n(px)}" cy="${n(py)}" r="6" fill="#b42318"/><text x="${n(px + 9)}" y="${n(py + 16)}" font-size="11" fill="#b42318">${labels.photo}</text>
    <line x1="10" y1="${H - 12}" x2="${n(10 + barPx)}" y2="${H - 12}" stroke="#1f2933" stroke-width="2"/><text x="10" y="${H - 18}" font-size="10" fill="#1f2933">${bar >= 1000 ? `${bar / 1000} km` : `${bar} m`}</text>
    <text x="${W - 10}" y="16" font-size="11" text-anchor="end" fill="#5f6b7a">N ↑</text>
  </svg>`;
}
