import { TICKET_TYPES } from "../../models/ticket.js";
import type { ProvinceStats } from "../../services/tickets/province-stats.js";
import { RATEABLE, TICKET_STATES } from "../../models/ticket-states.js";
import type { ChartData } from "../charts/chart-data.js";

import type { Translate } from "../context.js";
import { label } from "../../services/text/labels.js";

/** How a chart is drawn and what its first CSV column is called. */
export interface StatsChart {
  data: ChartData;
  kind: "bar" | "line";
  categoryHeader: string;
}

const percent = (rate: number | undefined) => (rate === undefined ? undefined : Math.round(rate * 1000) / 10);

/** The statistics page's charts, in page order, each from the figures the page's summary shows. */
export function statsCharts(stats: ProvinceStats, t: Translate): StatsChart[] {
  const wardNames = stats.wards.map((w) => w.wardName);
  const weeks = stats.weeks.map((w) => w.week);
  const ward = t("stats-col-ward");
  const week = t("stats-col-week");
  return [
    {
      kind: "bar",
      categoryHeader: ward,
      data: {
        id: "wards",
        title: t("stats-chart-wards"),
        categories: wardNames,
        series: [
          { name: t("stats-series-opened"), values: stats.wards.map((w) => w.opened) },
          { name: t("stats-series-closed"), values: stats.wards.map((w) => w.closed) },
        ],
      },
    },
    {
      kind: "bar",
      categoryHeader: t("stats-col-state"),
      data: {
        id: "states",
        title: t("stats-chart-states"),
        categories: TICKET_STATES.map((s) => label(t, "state", s)),
        series: [{ name: t("stats-series-count"), values: TICKET_STATES.map((s) => stats.total.byState[s] ?? 0) }],
      },
    },
    {
      kind: "bar",
      categoryHeader: t("stats-col-type"),
      data: {
        id: "types",
        title: t("stats-chart-types"),
        categories: TICKET_TYPES.map((v) => label(t, "type", v)),
        series: [{ name: t("stats-series-count"), values: TICKET_TYPES.map((v) => stats.total.byType[v] ?? 0) }],
      },
    },
    {
      kind: "line",
      categoryHeader: week,
      data: {
        id: "weeks",
        title: t("stats-chart-weeks"),
        categories: weeks,
        series: [
          { name: t("stats-series-opened"), values: stats.weeks.map((w) => w.opened) },
          { name: t("stats-series-closed"), values: stats.weeks.map((w) => w.closed) },
        ],
      },
    },
    {
      kind: "bar",
      categoryHeader: ward,
      data: {
        id: "medians",
        title: t("stats-chart-medians"),
        categories: wardNames,
        unit: t("stats-unit-hours"),
        series: [
          { name: t("stats-series-ack"), values: stats.wards.map((w) => w.medianHoursToAcknowledge) },
          { name: t("stats-series-close"), values: stats.wards.map((w) => w.medianHoursToClose) },
        ],
      },
    },
    {
      kind: "bar",
      categoryHeader: ward,
      data: { id: "ontime", title: t("stats-chart-ontime"), categories: wardNames, unit: "%", series: [{ name: t("stats-series-ontime"), values: stats.wards.map((w) => percent(w.onTimeRate)) }] },
    },
    {
      kind: "line",
      categoryHeader: week,
      data: { id: "weeks-ontime", title: t("stats-chart-weeks-ontime"), categories: weeks, unit: "%", series: [{ name: t("stats-series-ontime"), values: stats.weeks.map((w) => percent(w.onTimeRate)) }] },
    },
    {
      kind: "bar",
      categoryHeader: ward,
      data: { id: "satisfaction", title: t("stats-chart-satisfaction"), categories: wardNames, unit: "%", series: [{ name: t("stats-series-satisfied"), values: stats.wards.map((w) => percent(w.satisfaction.rate)) }] },
    },
    {
      kind: "bar",
      categoryHeader: t("stats-col-outcome"),
      data: {
        id: "satisfaction-outcome",
        title: t("stats-chart-satisfaction-outcome"),
        categories: RATEABLE.map((s) => label(t, "state", s)),
        unit: "%",
        series: [{ name: t("stats-series-satisfied"), values: RATEABLE.map((s) => percent(stats.total.satisfaction.byOutcome[s]?.rate)) }],
      },
    },
  ];
}
