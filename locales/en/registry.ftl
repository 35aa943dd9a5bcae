poster-title = OFFICIAL CHECK-IN QR CODE
poster-scan = Scan this code when you enter or leave
poster-ward = Responsible ward
poster-issued = Issued
poster-code = Venue code
poster-report = Wrong details, unreadable or missing code? Scan the small code below to report it to the ward through the chatbot.
