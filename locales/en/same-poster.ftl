# The same poster at the same place (issue 24): suggested duplicates, joining, splitting a report.
card-duplicates = Possible duplicates: { $list }
card-duplicate-venue = { $number } (same venue's code, { $distance } m away)
card-duplicate-near = { $number } (same type, { $distance } m away)
btn-join-duplicate = 🔗 Join { $newer } into { $older }
btn-split-report = ✂️ Split report #{ $n } into its own ticket
staff-joined-duplicate = Joined: { $newer } closed as a duplicate of { $older }.
staff-split-done = Report #{ $n } split into its own ticket { $number } ({ $ward }).
notify-report-split = An officer separated your report from report { $number }: it is now report { $newNumber }, handled by { $ward }. I will tell you about every update.
console-duplicates = Possible duplicates
console-duplicates-none = No open report looks like the same poster.
console-duplicate-venue = same venue's code, { $distance } m away
console-duplicate-near = same type, { $distance } m away
console-join-duplicate = Join { $newer } into { $older }
console-split = Split into its own ticket
console-split-report = Report number
console-split-ward = Ward: by its place
