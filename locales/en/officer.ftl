card-title = 📋 { $number } · { $state }
card-type = Violation: { $type }
card-verdict = QR check: { $verdict }
card-venue = Venue: { $venue }
card-code-owner = This code belongs to: { $venue }, { $address }
card-code-owner-far = This code belongs to: { $venue }, { $address } ({ $distance } m from the reported place)
card-address = Address: { $address }
card-reports = Merged reports: { $count }
card-age = Open for: { $hours } h
card-deadline = Due: { $at }
btn-ack = ✅ Acknowledge
btn-insp = 🔍 Start inspection
btn-cv = ⚠️ Close: violation confirmed
btn-nv = 👌 Close: no violation
btn-er = Measure: reminder
btn-ew = Measure: warning
btn-es = Measure: suspension order
btn-rw = ↩️ Return to the ward
staff-action-done = Updated: { $state }
refused-not_found = This ticket was not found.
refused-forbidden = Sorry, you are not allowed to do this on this ticket.
refused-hidden = Not allowed, or no such report.
refused-revoked = Your staff account has been revoked.
refused-invalid_state = This action no longer fits the ticket's current state.
refused-stale = Someone else updated this ticket just before you. The card has been refreshed.
refused-invalid_target = The target ward or ticket is not valid.
refused-no_venue = This ticket has no venue, so there is nothing to suspend.
refused-already_decided = A measure has already been decided.
invite-unknown = This invitation is not valid.
invite-used = This invitation has already been used.
invite-expired = This invitation has expired. Please ask for a new one.
invite-welcome-officer = Welcome! You are an officer of { $scope }. Add the bot to your ward's group and send /bindgroup there. Commands: /queue, /ticket, /overdue, /stats, /web
invite-welcome-supervisor = Welcome! You supervise { $scope } and will receive overdue tickets. Commands: /overdue, /stats, /ticket, /web
invite-welcome-enforcement = Welcome! You are on the enforcement team of { $scope }. Commands: /ticket, /overdue, /stats, /web
invite-welcome-registry = Welcome! You keep the QR registry and check-in activity of { $scope }: imports, compliance by ward, inspection lists. Commands: /compliance, /inspections, /web
invite-welcome-admin = Welcome! You are an administrator. The web console: /web
invite-welcome-resident = Welcome!
bindgroup-refused = Only ward officers can bind a group.
bindgroup-done = This group is now bound to { $ward }. New tickets will be posted here.
staff-only = This command is for staff.
staff-ticket-not-found = No such ticket within your area.
queue-empty = No open tickets. 🎉
queue-title = Open tickets (page { $page }/{ $pages }, { $total } in all):
queue-line = • { $number } · { $state } · { $type }
overdue-none = No overdue tickets.
overdue-title = { $count } overdue tickets:
overdue-line = • { $number } ({ $ward }): missed { $missed }
deadline-acknowledge = acknowledge
deadline-close = close
stats-title = Last 7 days:
stats-line = { $ward }: opened { $opened }, closed { $closed }, median to acknowledge { $ack } h, to close { $close } h, on time { $ontime }%, overdue { $overdue }, violating venues { $violating }/{ $registered }, from residents { $residents }, from inspection lists { $inspections }
stats-total = All { $wards } wards: opened { $opened }, closed { $closed }, overdue { $overdue }.
stats-page = Wards needing attention first (page { $page } of { $pages }):
stats-more = Next page: /stats { $next } (of { $pages }). The full table is in the web console: /web
stats-last = End of the list. The full table is in the web console: /web
remind-acknowledge = ⏰ Ticket { $number } must be acknowledged by { $at }.
remind-close = ⏰ Ticket { $number } must be closed by { $at }.
escalate-acknowledge = 🚨 Ticket { $number } of { $ward } was not acknowledged in time ({ $at }).
escalate-close = 🚨 Ticket { $number } of { $ward } was not closed in time ({ $at }).
usage-note = Usage: /note <ticket number> <note>
usage-reply = Usage: /reply <ticket number> <message to the reporter>
usage-transfer = Usage: /transfer <ticket number> <receiving ward's name>, e.g. /transfer HUE-2611-0042 Vỹ Dạ
transfer-which = Did you mean: { $wards }? Type the receiving ward's whole name.
transfer-no-ward = No ward «{ $text }» in the ticket's province.
usage-duplicate = Usage: /duplicate <ticket number> <original ticket number>
done-note = Note added to { $number }.
done-reply = Message sent to the reporter of { $number }.
done-transfer = { $number } transferred to { $ward } (new ticket: { $successor }).
done-duplicate = { $number } closed as a duplicate.
evidence-sent = Evidence pack { $number }: { $photos } original photos, evidence.json and the summary.
usage-contact = Usage: /contact <ticket number>
refused-not_acknowledged = Reporters' contact details are shown only after the ticket is acknowledged.
contact-title = Reporters of { $number } (this view is logged):
contact-line = • Resident #{ $n }: { $name }, phone { $phone }
usage-search = Usage: /search <venue name or address>
search-none = No tickets found.
search-title = { $count } matching tickets:
card-ward = Ward: { $ward }
card-refreshed = This card was out of date. It now shows the current state: { $state }.
# Residents close the loop (issue 17)
card-additions = Added by residents: { $photos } photo(s), { $notes } note(s)
card-reopened = ↩️ A resident says it is not fixed (reopening { $n }): { $note }
card-addition-note = Residents' latest note: { $note }
escalate-reopen = 📣 Report { $number } of { $ward } was reopened twice by residents and is reported not fixed again: { $note }
stats-satisfaction = · satisfied { $rate }% ({ $satisfied }/{ $rated }){ $outcomes }
card-map = 📍 See the place on a map
card-step = { $action }: { $who }, { $at }
staff-action-venue-closed = Recorded for { $number }: the venue seems to have closed. The registry changes only once its keeper confirms.
help-staff-officer =
    Ward officer's commands (in your private chat with the bot):
    /queue — the ward's open reports · /overdue — overdue reports
    /search <venue name or address> — find reports · /ticket <number> — one report in full
    /contact <number> — the reporters' contacts (each view is logged)
    /note <number> <note> — internal note · /reply <number> <message> — message the reporters
    /transfer <number> <ward name> — move to another ward · /duplicate <number> <original> — close as a duplicate
    /evidence <number> — evidence pack · /stats — statistics · /web — sign in to the web console
    In the ward's group: /bindgroup binds the group to the ward; act with the buttons on the report cards.
help-staff-province =
    Province staff's commands (in your private chat with the bot), for every ward of the province:
    /overdue — overdue reports · /search <venue name or address> — find reports · /ticket <number> — one report
    /contact <number> — the reporters' contacts (each view is logged)
    /note <number> <note> · /reply <number> <message> · /transfer <number> <ward name> · /duplicate <number> <original>
    /evidence <number> — evidence pack · /stats — statistics · /web — sign in to the web console
help-staff-registry =
    Registry keeper's commands (in your private chat with the bot):
    /compliance — venues showing signs of violation · /inspections — inspection lists sent to wards
    /web — sign in to the web console (venue registry, posters, uploads)
