# What the public sees (services/publication, Open311 reads, /reports).
public-description = { $venue ->
    [none] { $type }. Check of the code in the photo: { $verdict }.
   *[other] { $type } at { $venue }. Check of the code in the photo: { $verdict }.
}
public-change = { $state }
public-change-to = { $state }: { $target }
btn-publish-photo = 📢 Publish this photo
btn-unpublish-photo = 🙈 Unpublish the photo
publish-photo-done = The photo is now on the public reports page.
unpublish-photo-done = The photo is no longer public.
console-photo-public = This photo is public.
console-action-photo = The public photos of { $number } are updated.
public-site-name = Public reports
public-other-language = Tiếng Việt
public-title = Reports of QR check-in poster violations
public-lead = Residents report venues in { $province } that do not display their QR check-in code, or display a wrong one; the ward handles each report. This page shows the reports and how fast each ward answers.
public-report-how = Seen a venue without its QR poster?
public-report-telegram = Report on Telegram
public-report-zalo = Report on Zalo
public-what-is-public = Public: the report's number, type, state, ward, the registered venue's name, dates, an approximate position (about 100 m) and photos an officer chose. Never public: what residents wrote, names, phone numbers, exact positions.
public-map = Map of the reports
public-filter-province = Province
public-filter-ward = Ward
public-filter-type = Violation
public-filter-state = State
public-filter-period = Period
public-filter-all = All
public-filter-show = Show
public-period-days = last { $days } days
public-count = { $count ->
    [one] 1 report
   *[other] { $count } reports
}
public-page-newer = ← Newer
public-page-older = Older →
public-page-of = Page { $page } of { $pages }
public-figures = Figures by ward (last { $days } days)
public-figures-none = No reports in this period yet.
public-figures-note = Times are medians from the report; on time is the share closed by the deadline; satisfied is the reporters' rating.
public-fig-opened = Received
public-fig-closed = Closed
public-fig-ack = Acknowledged in
public-fig-close = Closed in
public-fig-on-time = On time
public-fig-satisfied = Satisfied
public-hours = { $hours } h
public-report-title = Report { $number }
public-venue = Venue
public-opened = Reported
public-acknowledged = Acknowledged
public-due = Due
public-closed = Closed
public-position = Position
public-position-venue = the venue's registered place
public-position-rounded = approximate (rounded to about 100 m)
public-position-none = none
public-photos = Photos
public-photo-alt = Photo of report { $number }
public-history = History
public-back = ← All reports
public-not-found = No such public report
public-bad-request = Bad request
public-error = Something went wrong; please try again later
event-publish_photo = published or unpublished a photo
event-note-published = photo made public
event-note-unpublished = photo no longer public
