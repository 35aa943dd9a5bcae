import type { Account, accountStore } from "../../models/account.js";
import type { auditStore } from "../../models/audit-event.js";
import type { claimStore } from "../../models/claim.js";
import type { Ticket, ticketStore } from "../../models/ticket.js";

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

export const DEFAULT_DEADLINES: DeadlinePolicy = { default: { acknowledgeHours: 24, closeDays: 7, remindBeforeHours: 4 } };

const HOUR = 3600 * 1000;
const ruleOf = (policy: DeadlinePolicy, provinceCode: string): DeadlineRule => ({ ...policy.default, ...policy.provinces?.[provinceCode] });

export function dueDates(policy: DeadlinePolicy, provinceCode: string, at: Date): { acknowledgeBy: Date; closeBy: Date } {
  const r = ruleOf(policy, provinceCode);
  return { acknowledgeBy: new Date(at.getTime() + r.acknowledgeHours * HOUR), closeBy: new Date(at.getTime() + r.closeDays * 24 * HOUR) };
}

export type DeadlineKind = "acknowledge" | "close";

/** The deadlines still pending for a ticket in its current state. */
function pending(t: Ticket): { kind: DeadlineKind; due: Date }[] {
  const out: { kind: DeadlineKind; due: Date }[] = [];
  if (t.state === "new" && t.acknowledgeBy) out.push({ kind: "acknowledge", due: t.acknowledgeBy });
  if (t.closeBy) out.push({ kind: "close", due: t.closeBy });
  return out;
}

/** Implemented by the channel side: where reminders and escalations go. */
export interface DeadlineNotifier {
  remind(ticket: Ticket, kind: DeadlineKind, due: Date): Promise<void>;
  escalate(ticket: Ticket, kind: DeadlineKind, due: Date, supervisors: Account[]): Promise<void>;
}

export interface SweeperDeps {
  tickets: ReturnType<typeof ticketStore>;
  accounts: ReturnType<typeof accountStore>;
  claims: ReturnType<typeof claimStore>;
  audit: ReturnType<typeof auditStore>;
  clock: () => Date;
  policy: DeadlinePolicy;
  notifier: DeadlineNotifier;
  /** Names this instance in claims, to tell in the database which instance sent what. */
  instance: string;
}

/**
 * One pass over tickets near or past a deadline. Every reminder and escalation is claimed by
 * a unique key first, so several bot instances sweeping at once send each exactly once; a
 * notifier failure after the claim loses that one message rather than repeating it.
 */
export async function sweepDeadlines(deps: SweeperDeps): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock();
  const horizon = new Date(now.getTime() + maxRemindBefore(deps.policy) * HOUR);
  let reminded = 0;
  let escalated = 0;
  for (const ticket of await deps.tickets.openDueBefore(horizon)) {
    const rule = ruleOf(deps.policy, ticket.provinceCode);
    for (const { kind, due } of pending(ticket)) {
      const overdue = due.getTime() <= now.getTime();
      if (!overdue && due.getTime() - rule.remindBeforeHours * HOUR > now.getTime()) continue;
      const step = overdue ? "escalate" : "remind";
      if (!(await deps.claims.take(`deadline:${ticket.id}:${kind}:${due.toISOString()}:${step}`, now, deps.instance))) continue;
      if (overdue) {
        await deps.notifier.escalate(ticket, kind, due, await deps.accounts.ofProvince("supervisor", ticket.provinceCode));
        escalated++;
      } else {
        await deps.notifier.remind(ticket, kind, due);
        reminded++;
      }
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
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepDeadlines(deps)
      .catch(onError)
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
