start-greeting =
    Hello { $name }! 👋
    I help you report QR check-in poster violations (no poster, wrong information, cannot be scanned) to the responsible ward.
    One photo and a location is all it takes — send /report to begin.
    🔒 Privacy: your photos, location and note are used only to handle the report and are seen only by the responsible ward's officers.
    Language: /language
help-text =
    /report — report a violation (pick the type, send a photo, send the location, confirm)
    /mytickets — your reports
    /ticket HUE-2611-0042 — details and history of one report
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
report-idle-closed = Your previous report was closed because there was no reply for 30 minutes. Nothing was saved. Send /report to start again.
button-cancel = ✖ Cancel
button-yes = Yes, go on
button-no = No, cancel the report
report-photo-ask = Send a photo of the QR code (as a photo or a file). You can send several.
report-photo-ask-entrance = Send a photo of the venue's entrance (where the QR poster should be). You can send several.
report-photo-wrong-kind = I need a photo. Please send a photo (or a JPEG/PNG image file).
report-photo-not-image = This file is not an image. Please send a JPEG or PNG photo.
report-photo-too-large = The file is too large (20 MB at most). Please send a smaller photo.
report-photo-rejected = I could not open this image. Please take it again and send it as a JPEG photo.
report-photo-busy = The server is busy reading photos. Please send the photo again in a few seconds.
report-photo-download-not_found = I could not fetch this photo (it is no longer available). Please send it again.
report-photo-download-timeout = The photo took too long to arrive, so I stopped. Please send it again, smaller if you can.
report-photo-download-too_large = The photo is too large (20 MB at most). Please send a smaller one.
report-photo-download-failed = I could not fetch this photo. Please send it again.
report-photo-read = ✅ Photo { $count } received. Code read: { $code }
report-photo-no-code = ✅ Photo { $count } received. No QR code found in it.
report-photo-more = Send more photos, or press "Done".
button-photos-done = Done, continue ➡
report-hint-readable = The server can still read this code. Do you still want to report it as "cannot be scanned"?
report-hint-looks-official = This looks like the official code of the venue at this place. Do you still want to report wrong information?
report-hint-declined = Thank you for checking. The report was cancelled; nothing was saved.
report-location-ask = Send where the poster is: press the button below, send a venue, or type the address.
report-location-ask-zalo = Send where the poster is (how to, just below), or type the address.
button-send-location = 📍 Send my current location
report-location-wrong-kind = Please send a location, or type the address.
report-location-outside = This location is outside the wards I know.
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
report-opened = Sent! Your report number: { $number }. The ward will handle it and I will tell you about every update.
report-merged = Sent! This place already has report { $number } in progress; your photos were added to it as further evidence. I will tell you about every update.
verdict-official = official code of this venue
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
