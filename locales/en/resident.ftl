start-greeting =
    Hello { $name }! 👋
    I help you report QR check-in poster violations (no poster, wrong information, cannot be scanned) to the responsible ward.
    One photo and a location is all it takes — send /report to begin.
    🔒 Privacy: your photos, location and note are used only to handle the report; your note, contact and exact position are seen only by the responsible ward's officers. /mydata: what we hold; /forgetme: erase it.
    Language: /language
help-text =
    /report — report a violation (pick the type, send a photo, send the location, confirm)
    /mytickets — your reports
    /ticket HUE-2611-0042 — details and history of one report; add photos, rate the outcome or say it is not fixed
    /withdraw HUE-2611-0042 — withdraw your report while the ward has not acknowledged it
    /mydata — what the system holds about you
    /forgetme — erase your contact and notes (reports stay with the ward, no longer linked to you)
    /language — change the language
    /cancel — cancel what you are doing
language-choose = Choose a language:
language-set = Switched to English.
cancel-done = Cancelled. Nothing was saved.
cancel-nothing = There is nothing to cancel.
type-no_poster = No QR poster
type-wrong_info = Wrong information on the QR code
type-unscannable = QR code cannot be scanned
report-choose-type = What would you like to report?
report-use-buttons = Please choose with the buttons under the message.
report-in-progress = You are in the middle of a report. Carry on, or send /cancel to cancel it.
report-continue-or-restart = You are in the middle of a report. Continue it, or start over?
button-continue-report = ▶ Continue
button-restart-report = 🔄 Start over
report-continuing = OK, let's continue: please answer the last question above.
report-idle-closed = Your previous report was closed because there was no reply for 30 minutes. Nothing was saved. Send /report to start again.
button-cancel = ✖ Cancel
button-yes = Yes, go on
button-no = No, cancel the report
report-photo-ask = Send a photo of the QR code (as a photo or a file). You can send several.
report-photo-ask-entrance = Send a photo of the venue's entrance (where the QR poster should be). You can send several.
report-photo-wrong-kind = I need a photo. Please send a photo (or a JPEG/PNG image file).
report-photo-not-image = This file is not an image. Please send a JPEG or PNG photo.
report-photo-too-large = The file is too large ({ $mb } MB at most). Please send it as a photo (not a file) so Telegram shrinks it, or send a smaller photo.
report-photo-empty = This file is empty (0 bytes). Please send the photo again.
report-photo-unsupported = I cannot read { $format } images yet. Please send it as a photo (not a file), or as a JPEG or PNG file.
report-photo-heic = I could not decode this HEIC (iPhone) image. Please send it again as a photo: tap 📎, choose "Photo or Video" (not "File"), then pick the picture; the app converts it to JPEG.
report-photo-too-many-pixels = The image has too many pixels ({ $megapixels } megapixels at most). Please send it as a photo, or a smaller image.
report-photo-damaged = This image is damaged or was not sent completely, so it cannot serve as evidence. Please send the original photo again.
report-photo-animation = This is an animation. Please send a still photo.
report-photo-busy = The server is busy reading photos. Please send the photo again in a few seconds.
report-photo-download-not_found = I could not fetch this photo (it is no longer available). Please send it again.
report-photo-download-timeout = The photo took too long to arrive, so I stopped. Please send it again, smaller if you can.
report-photo-download-too_large = The photo is too large (20 MB at most). Please send a smaller one.
report-photo-download-failed = I could not fetch this photo. Please send it again.
report-photo-read = ✅ Photo { $count } received. Code read: it is { $code }.
report-photo-no-code = ✅ Photo { $count } received. No QR code found in it.
report-photo-more = Send more photos, or press "Done".
button-photos-done = Done, continue ➡
report-hint-readable = The server can still read this code. Do you still want to report it as "cannot be scanned"?
report-hint-looks-official = This looks like the official code of the venue at this place. Do you still want to report wrong information?
report-hint-declined = Thank you for checking. The report was cancelled; nothing was saved.
report-location-ask = Send where the poster is: press the button below, send a place, or type the venue's name or address.
report-location-ask-zalo = Send where the poster is (how to, just below), or type the venue's name or address.
button-send-location = 📍 Send my current location
report-location-wrong-kind = Please send a location, or type the venue's name or address.
report-location-outside = This location is outside the wards I know.
report-venue-pick = Which registered venue is it? Pick one, or press "Not in the list".
button-venue-none = Not in the list
report-code-venue-here = The QR code in the photo belongs to "{ $venue }" ({ $address }). Does it hang at that venue?
button-yes-here = Yes, there
button-no-elsewhere = No, somewhere else
report-code-owner = • This code belongs to: { $venue }, { $address }
report-code-owner-far = • This code belongs to: { $venue }, { $address } ({ $distance } m from the reported place)
report-ward-ask = Which ward is the venue in? Type the ward's name (with or without diacritics).
report-ward-pick = Pick the ward:
report-ward-none = No ward called "{ $query }" found. Please type the name again.
report-note-ask = Add a note (1000 characters at most), or press "Skip".
button-skip = Skip
report-note-too-long = The note has { $length } characters, more than 1000. Please shorten it.
report-summary =
    Please check your report:
    • Type: { $type }
    • Photos: { $photos }
    • Code read: { $code }
    • Registry check: { $verdict }
    • Ward: { $ward }
    • Note: { $note }
report-none = (none)
button-confirm = ✅ Send the report
button-change = ✏ Change
report-opened = Sent! Your report number: { $number }. { $ward } will handle it and I will tell you about every update.
report-merged = Sent! Your report joined report { $number } of { $ward } (state: { $state }): the same poster at the same place; your photos were added to it as further evidence. I will tell you about every update.
verdict-official = official code of this venue
verdict-official_old = the venue's old (2021) check-in code, to be replaced
verdict-official_elsewhere = official code of another venue or place
verdict-official_inactive = code of a suspended or closed venue
verdict-forged = forged code
verdict-unregistered = code not in the registry
verdict-foreign = not a check-in code
verdict-no_code = no code
mytickets-empty = You have no reports yet. Send /report to make one.
mytickets-header = Your reports ({ $total }), page { $page }/{ $pages }:
mytickets-line = { $number } · { $type } · { $state } · { $date }
button-prev = ◀ Previous
button-next = Next ▶
ticket-usage = Send /ticket with the report number, e.g. /ticket HUE-2611-0042
ticket-not-found = Report { $number } was not found among your reports.
ticket-detail =
    Report { $number }
    • Type: { $type }
    • State: { $state }
    • Ward: { $ward }
    • Registry check: { $verdict }
    • Reporters: { $reports }
    History:
ticket-history-line = { $date } — { $action }
state-new = new
state-acknowledged = acknowledged
state-inspecting = being inspected
state-violation_confirmed = violation confirmed
state-no_violation = no violation found
state-duplicate = duplicate of another report
state-withdrawn = withdrawn
state-not_our_ward = passed to another ward
action-opened = report opened
action-report_attached = report added
action-transition = state changed
notify-state-changed = Your report { $number }: { $state }.
reporter-message = 💬 The ward officer writes about your report { $number }: { $text }
ticket-due-acknowledge = The ward must acknowledge it by: { $at }
ticket-due-close = The ward must close it by: { $at }
button-withdraw = ↩️ Withdraw my report
withdraw-usage = Send /withdraw with the report number, e.g. /withdraw HUE-2611-0042
withdraw-done = Your report was withdrawn from { $number }. Other people's reports are still handled.
withdraw-closed = Report { $number } was withdrawn and is now closed.
withdraw-too-late = Report { $number } can no longer be withdrawn: the ward has started on it (state: { $state }).
action-withdraw = withdraw report
# Residents close the loop (issue 17): rating, "not fixed", adding evidence
state-reopened = reopened
action-rate = rated the outcome
action-reopen = reported not fixed
action-escalate_reopen = reported not fixed, passed to supervisors
action-add_evidence = added evidence
rate-ask = Are you satisfied with the outcome? If the QR poster is still not right, press "Not fixed" and send a new photo within 14 days.
button-satisfied = 😊 Satisfied
button-not-satisfied = 🙁 Not satisfied
button-not-fixed = 📷 Not fixed
button-add-evidence = ➕ Add photos or a note
button-add-to = ➕ Add to { $number }
button-rate-reason = ✍️ Add a reason
rate-thanks-satisfied = Thank you for rating report { $number }: satisfied. You can change your rating for 7 days.
rate-thanks-not-satisfied = Thank you for rating report { $number }: not satisfied. You can add a short reason, or change your rating for 7 days.
rate-reason-ask = Why? Type a short reason (at most 1000 characters), or press "Skip".
rate-reason-saved = Your reason is recorded. Thank you!
rate-reason-skipped = All right, your rating stays as it is.
ticket-rated-satisfied = Your rating: satisfied
ticket-rated-not-satisfied = Your rating: not satisfied
not-fixed-photo-ask = Send a new photo of where the QR poster should be (as a photo or a file), showing the violation is still there.
not-fixed-note-ask = Say briefly what is still wrong (at most 1000 characters), or press "Skip".
add-photo-ask = Send more photos for the report (as photos or files), or press "Skip" to send a note only.
add-note-ask = Add a note to the report (at most 1000 characters), or press "Skip".
add-nothing = You sent no photo and no note, so nothing was added.
followup-done-add_evidence = Added { $photos } photo(s) to report { $number }. The ward's officers see it on the report's card at once.
followup-done-reopen = Report { $number } is reopened and back with the ward, with your new photo (QR check: { $verdict }). We will tell you when it changes.
followup-done-escalate_reopen = Report { $number } has been reopened twice already, so your message went to the province's supervisors. Thank you!
followup-busy = You are in the middle of something else. Finish it, or send /cancel.
followup-not-yours = This report is not among your reports.
followup-stale = The report just changed. Please try again.
followup-too-late-rate = Report { $number } closed more than 7 days ago, so it can no longer be rated.
followup-too-late-not-fixed = Report { $number } closed more than 14 days ago. If the violation is still there, please send a new report with /report.
followup-invalid-state-rate = Report { $number } is not closed yet, so it cannot be rated.
followup-invalid-state-not_fixed = Report { $number } is still being handled. You can add photos to it instead.
followup-invalid-state-add = Report { $number } is closed; nothing can be added to it.
followup-already-escalated = Your "not fixed" for report { $number } has already gone to the supervisors. Thank you!
code-is-official = the official check-in code of { $venue }
code-is-old = the old (2021) check-in code of { $venue }, to be replaced by the new one
code-is-closed-venue = the check-in code of { $venue }, a venue that has closed
code-is-suspended-venue = the check-in code of { $venue }, a suspended venue
code-is-forged = a code posing as an official one (its signature does not match)
code-is-unknown-checkin = a check-in code of { $site } that is not in the registry
code-is-unknown-venue = a code in the official format, of a venue not in the registry
code-is-vietqr = a VietQR payment code, not a check-in code
code-is-payment = a payment code, not a check-in code
code-is-report-link = a link to this reporting channel, not a check-in code
code-is-link = a link to { $site }, not a check-in code
code-is-text = a piece of text, not a check-in code
report-code-raw = Detail: the code's text is «{ $raw }»
report-photo-gps = 📍 The photo carries GPS coordinates; they will be compared with the place you send next.
withdraw-already = You have already withdrawn your report { $number }; nothing more to do.

# What becomes public and what stays with the ward (the report's summary), /mydata and /forgetme.
report-public-notice = 🔒 Public: the type, state, ward, registered venue's name and an approximate place (about 100 m); photos only if an officer publishes them. Only the ward sees your note, your contact, the exact position and the other photos.
mydata-header = Your data in the system (since { $since }):
mydata-contact = • Contact: name { $name } · phone { $phone } · via { $channel }
mydata-counts = • Reports: { $tickets } · notes: { $notes } · ratings: { $ratings } · photos sent: { $photos }
mydata-ticket = { $number } · { $type } · { $state }
mydata-note = – note: «{ $note }»
mydata-rating-satisfied = – rating: satisfied (reason: { $reason })
mydata-rating-not-satisfied = – rating: not satisfied (reason: { $reason })
mydata-more = … and { $more } more reports: /mytickets
mydata-footer =
    Purpose: handling your reports and telling you the outcome. Who sees it: the responsible ward's officers; only the type, state, ward, venue name and an approximate place are public.
    { $days ->
        [0] Notes and rating reasons are kept with the report.
       *[other] Notes and rating reasons are erased { $days } days after the report closes.
    } /forgetme: erase your contact and notes now.
forgetme-ask = Erase your data? This erases your name, phone number, every note and rating reason you wrote, and the messages sent to you. Your reports stay with the ward to be handled (type, place, photos, state) but are no longer linked to you, and you will get no more news of them. This cannot be undone.
button-forget = 🗑 Erase my data
button-keep = Keep it
forgetme-kept = OK, nothing was erased.
forgetme-staff = A staff account cannot erase itself: what officers do is the ward's record. Please ask the administrator.
forgetme-done =
    Your data is erased:
    • name: { $name ->
        [1] erased
       *[other] not stored
    } · phone: { $phone ->
        [1] erased
       *[other] not stored
    }
    • { $notes } notes and { $reasons } rating reasons
    { $tickets } reports (with { $photos } photos as evidence) stay with the ward, no longer linked to you. You can go on using /report as before.
