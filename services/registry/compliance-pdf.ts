import { a4Document } from "./a4-document.js";
import type { ComplianceFigures, ComplianceReport } from "./compliance.js";
import { dayVi } from "../text/vietnam-day.js";
import { label } from "../text/labels.js";

export type Translate = (key: string, args?: Record<string, string | number>) => string;

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const INNER = PAGE.width - 2 * PAGE.margin;
const CHART_HEIGHT = 110;
const MAX_ROW = 15;
/** Below this the table is unreadable on paper; further wards go to the CSV. */
const MIN_ROW = 8.5;

/** 0.1 → "10,0 %" (Vietnamese decimal comma); no active venues → "—". */
export const percentVi = (rate: number | undefined) => (rate === undefined ? "—" : `${(rate * 100).toFixed(1).replace(".", ",")} %`);

/**
 * The province's compliance on one A4 page: summary, weekly chart, categories, then the ward
 * table, the worst wards first; when the wards do not fit, the rest are counted at the foot.
 */
export async function compliancePdf(report: ComplianceReport, fonts: { regular: string; bold: string }, t: Translate): Promise<Buffer> {
  const { doc, done } = await a4Document(fonts, t("compliance-title"));
  const x0 = PAGE.margin;
  let y = PAGE.margin;
  const line = (text: string, size: number, bold = false, gap = 4) => {
    doc.font(bold ? "bold" : "regular").fontSize(size).fillColor("#000000").text(text, x0, y, { width: INNER });
    y = doc.y + gap;
  };

  line(t("compliance-title"), 15, true, 2);
  line(t("compliance-subtitle", { province: report.provinceName, date: dayVi(report.asOf) }), 10.5, false, 6);
  const s = report.total;
  line(t("compliance-summary", { active: s.active, scanned: s.scanned7d, rate: percentVi(s.rate), never: s.neverScanned, days: report.silentDays, silent: s.silent }), 9.5, false, 10);

  line(t("compliance-chart"), 9, true, 4);
  y = drawChart(doc, report.trend, x0, y) + 10;

  line(t("compliance-categories"), 9, true, 2);
  const cats = report.categories.map((c) => `${label(t, "category", c.category)} ${c.scanned7d}/${c.active} (${percentVi(c.rate)})`);
  line(cats.join(" · "), 8, false, 10);

  drawWardTable(doc, report, t, y);
  doc.end();
  return done;
}

function drawChart(doc: PDFKit.PDFDocument, trend: ComplianceReport["trend"], x0: number, top: number): number {
  const axis = 28;
  const slot = (INNER - axis) / trend.length;
  const base = top + CHART_HEIGHT - 14;
  const scale = CHART_HEIGHT - 30;
  doc.font("regular").fontSize(7).fillColor("#555555");
  for (const pct of [0, 50, 100]) {
    const gy = base - (pct / 100) * scale;
    doc.moveTo(x0 + axis, gy).lineTo(x0 + INNER, gy).lineWidth(0.4).strokeColor("#cccccc").stroke();
    doc.text(`${pct} %`, x0, gy - 3.5, { width: axis - 4, align: "right", lineBreak: false });
  }
  trend.forEach((w, i) => {
    const x = x0 + axis + i * slot + slot * 0.2;
    const h = (w.rate ?? 0) * scale;
    doc.rect(x, base - h, slot * 0.6, h).fill("#1f6fb2");
    doc.font("regular").fontSize(7).fillColor("#000000");
    doc.text(percentVi(w.rate), x - slot * 0.2, base - h - 10, { width: slot, align: "center", lineBreak: false });
    doc.text(dayVi(w.weekEnding).slice(0, 5), x - slot * 0.2, base + 3, { width: slot, align: "center", lineBreak: false });
  });
  return top + CHART_HEIGHT;
}

function drawWardTable(doc: PDFKit.PDFDocument, report: ComplianceReport, t: Translate, top: number): void {
  const cols = [
    { key: "compliance-col-ward", width: 170, value: (r: Row) => r.name },
    { key: "compliance-col-active", width: 58, value: (r: Row) => String(r.active) },
    { key: "compliance-col-scanned", width: 62, value: (r: Row) => String(r.scanned7d) },
    { key: "compliance-col-rate", width: 52, value: (r: Row) => percentVi(r.rate) },
    { key: "compliance-col-never", width: 80, value: (r: Row) => String(r.neverScanned) },
    { key: "compliance-col-silent", width: INNER - 422, value: (r: Row) => String(r.silent) },
  ];
  // The worst wards first: the page is for deciding where to inspect.
  const wards: Row[] = [...report.wards]
    .sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.wardName.localeCompare(b.wardName, "vi"))
    .map((w) => ({ ...w, name: w.wardName }));
  const room = PAGE.height - PAGE.margin - top;
  const fitting = Math.floor(room / MIN_ROW) - 3;
  const shown = wards.length > fitting ? wards.slice(0, fitting) : wards;
  const rowH = Math.min(MAX_ROW, room / (shown.length + 3));
  const size = Math.min(8.5, rowH * 0.62);
  let y = top;
  const row = (cells: string[], bold: boolean, fill?: string) => {
    if (fill) doc.rect(PAGE.margin, y, INNER, rowH).fill(fill);
    doc.font(bold ? "bold" : "regular").fontSize(size).fillColor("#000000");
    let x = PAGE.margin + 3;
    cells.forEach((cell, i) => {
      // A cell keeps to one line: a long ward name or header shrinks rather than wraps.
      const width = cols[i]!.width - 6;
      let fit = size;
      while (fit > 5 && doc.fontSize(fit).widthOfString(cell) > width) fit -= 0.25;
      doc.fontSize(fit).text(cell, x, y + (rowH - fit) / 2, { width, align: i === 0 ? "left" : "right", lineBreak: false });
      x += cols[i]!.width;
    });
    y += rowH;
  };
  row(cols.map((c) => t(c.key, { days: report.silentDays })), true, "#e6eef6");
  shown.forEach((w, i) => row(cols.map((c) => c.value(w)), false, i % 2 ? "#f6f6f6" : undefined));
  row(cols.map((c) => c.value({ ...report.total, name: t("compliance-total") })), true, "#e6eef6");
  if (shown.length < wards.length) row([t("compliance-more-wards", { count: wards.length - shown.length })], false);
}

type Row = ComplianceFigures & { name: string };
