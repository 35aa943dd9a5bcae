import type { accountStore } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { claimStore } from "../../models/claim.js";
import type { deadlineRuleStore } from "../../models/deadline-rule.js";
import type { OutboxStore } from "../../models/outbox.js";
import type { Ticket, ticketStore } from "../../models/ticket.js";
import type { wardStore } from "../../models/ward.js";
import { repeatEvery } from "../../platform/repeat.js";
import { deadlineEscalation, deadlineReminder } from "./ticket-effects.js";
import { AWAITING_ACKNOWLEDGEMENT, isOpen } from "../../models/ticket-states.js";

export interface DeadlineRule {
  acknowledgeHours: number;
  closeDays: number;
  /** How long before a deadline the ward group is reminded. */
  remindBeforeHours: number;
}

/** The default rule and optional per-province overrides. */
export interface DeadlinePolicy {
  default: DeadlineRule;
  provinces?: Record<string, Partial<DeadlineRule>>;
}

/** Used where an administrator has set nothing (`npm run cli -- deadlines set` changes it). */
export const DEFAULT_DEADLINES: DeadlinePolicy = { default: { acknowledgeHours: 24, closeDays: 7, remindBeforeHours: 4 } };

type DeadlineRules = Pick<ReturnType<typeof deadlineRuleStore>, "all">;

/** The policy in force: the built-in default, overridden by the stored default row, then per province. */
export async function loadDeadlinePolicy(rules: DeadlineRules): Promise<DeadlinePolicy> {
  const rows = await rules.all();
  const { scope: _default, ...stored } = rows.find((r) => r.scope === "default") ?? { scope: "default" };
  const provinces = Object.fromEntries(rows.filter((r) => r.scope !== "default").map(({ scope, ...rule }) => [scope, rule]));
  return { default: { ...DEFAULT_DEADLINES.default, ...stored }, provinces };
}

const HOUR = 3600 * 1000;
export const ruleOf = (policy: DeadlinePolicy, provinceCode: string): DeadlineRule => ({ ...policy.default, ...policy.provinces?.[provinceCode] });

export function dueDates(policy: DeadlinePolicy, provinceCode: string, at: Date): { acknowledgeBy: Date; closeBy: Date } {
  const r = ruleOf(policy, provinceCode);
  return { acknowledgeBy: new Date(at.getTime() + r.acknowledgeHours * HOUR), closeBy: new Date(at.getTime() + r.closeDays * 24 * HOUR) };
}

/** Due dates of a ticket opened (transferred, reopened) at `at`, by the policy stored now. */
export async function dueDatesFor(rules: DeadlineRules, provinceCode: string, at: Date): Promise<{ acknowledgeBy: Date; closeBy: Date }> {
  return dueDates(await loadDeadlinePolicy(rules), provinceCode, at);
}

export type DeadlineKind = "acknowledge" | "close";

/** The deadlines still pending for a ticket in its current state. */
function pending(t: Ticket): { kind: DeadlineKind; due: Date }[] {
  const out: { kind: DeadlineKind; due: Date }[] = [];
  if (AWAITING_ACKNOWLEDGEMENT.includes(t.state) && t.acknowledgeBy) out.push({ kind: "acknowledge", due: t.acknowledgeBy });
  if (t.closeBy) out.push({ kind: "close", due: t.closeBy });
  return out;
}

/** The deadline that matters to whoever looks at the ticket now: acknowledging while new (or reopened), else closing. */
export function nextDeadline(t: Pick<Ticket, "state" | "acknowledgeBy" | "closeBy">): Date | undefined {
  return (AWAITING_ACKNOWLEDGEMENT.includes(t.state) ? t.acknowledgeBy : t.closeBy) ?? undefined;
}

/** Whether an open ticket is past a pending deadline at `now`: the rule of the sweeper, /overdue and the console's filter. */
export function isOverdue(t: Pick<Ticket, "state" | "acknowledgeBy" | "closeBy">, now: Date): boolean {
  if (!isOpen(t.state)) return false;
  const due = [AWAITING_ACKNOWLEDGEMENT.includes(t.state) ? t.acknowledgeBy : undefined, t.closeBy];
  return due.some((d) => !!d && new Date(d).getTime() <= now.getTime());
}

export interface SweeperDeps {
  tickets: ReturnType<typeof ticketStore>;
  accounts: ReturnType<typeof accountStore>;
  claims: ReturnType<typeof claimStore>;
  audit: ReturnType<typeof auditStore>;
  outbox: OutboxStore;
  wards: Pick<ReturnType<typeof wardStore>, "byCode">;
  deadlineRules: DeadlineRules;
  clock: () => Date;
  /** Names this instance in claims, to tell in the database which instance recorded what. */
  instance: string;
}

/**
 * One pass over tickets near or past a deadline. Reminders (to the ward group) and escalations
 * (to each supervisor of the province) are queued in the outbox under keys unique to the
 * ticket, deadline and step: several instances sweeping at once queue each once, and a failed
 * send is retried by the outbox worker like every other message. The audit entry is claimed.
 */
export async function sweepDeadlines(deps: SweeperDeps): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock();
  const policy = await loadDeadlinePolicy(deps.deadlineRules);
  const horizon = new Date(now.getTime() + maxRemindBefore(policy) * HOUR);
  let reminded = 0;
  let escalated = 0;
  for (const ticket of await deps.tickets.openDueBefore(horizon)) {
    const rule = ruleOf(policy, ticket.provinceCode);
    for (const { kind, due } of pending(ticket)) {
      const overdue = due.getTime() <= now.getTime();
      if (!overdue && due.getTime() - rule.remindBeforeHours * HOUR > now.getTime()) continue;
      const step = overdue ? "escalate" : "remind";
      if (overdue) {
        const supervisors = await deps.accounts.ofProvince("supervisor", ticket.provinceCode);
        await deadlineEscalation(deps, ticket, kind, due, supervisors, now);
      } else {
        await deadlineReminder(deps.outbox, ticket, kind, due, now);
      }
      if (!(await deps.claims.take(`deadline:${ticket.id}:${kind}:${due.toISOString()}:${step}`, now, deps.instance))) continue;
      if (overdue) escalated++;
      else reminded++;
      await deps.audit.append({ at: now, actorRole: "system", action: step, subjectKind: "ticket", subjectId: ticket.id, note: `${kind} by ${due.toISOString()}` });
    }
  }
  return { reminded, escalated };
}

function maxRemindBefore(policy: DeadlinePolicy): number {
  return Math.max(policy.default.remindBeforeHours, ...Object.values(policy.provinces ?? {}).map((p) => p.remindBeforeHours ?? 0));
}

/** Open tickets past a deadline now, oldest first, for /overdue. */
export async function listOverdue(tickets: ReturnType<typeof ticketStore>, now: Date, scope: { wardCode?: string; provinceCode?: string }) {
  return (await tickets.openDueBefore(now, scope)).map((t) => ({ ticket: t, missed: pending(t).filter((p) => p.due.getTime() <= now.getTime()) }));
}

/** Sweeps every `intervalMs` until stopped; a failed pass is logged and the next one retries. */
export function startDeadlineSweeper(deps: SweeperDeps, intervalMs: number, onError: (err: unknown) => void): () => void {
  return repeatEvery(intervalMs, () => sweepDeadlines(deps), onError);
}
