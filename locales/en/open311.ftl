open311-contact = The operator of this deployment (ask the province's Department of Health)
open311-key-service = Ask the operator of this deployment for an API key, naming your system.
open311-group = QR check-in
open311-description-no_poster = A venue that must display a QR check-in poster at its entrance does not.
open311-description-wrong_info = The QR code displayed at a venue carries wrong information (another venue's, another place's, or forged).
open311-description-unscannable = The QR code displayed at a venue cannot be scanned (faded, torn, covered).
open311-keywords-no_poster = no code, missing code, QR code, check-in
open311-keywords-wrong_info = wrong code, forged code, another venue's code, QR code, check-in
open311-keywords-unscannable = cannot scan, faded code, torn code, QR code, check-in
open311-attr-venue_code = The venue's registry code, when known (e.g. { $example }).
open311-attr-ward_code = The responsible ward's code (e.g. { $example }), used only when the location lies inside no ward boundary and the venue is unknown.
open311-attr-if_readable = If the server can still read the code on the photo, file the "cannot be scanned" report anyway?
open311-attr-if_official = If the code on the photo is the venue's official code for this place, file the "wrong information" report anyway?
open311-choice-file = File it
open311-choice-drop = Do not file
open311-datatype-code = Letters and digits, at most 64 characters
open311-notice-filed = Report { $number } received ({ $merged ->
    [yes] joined open report { $number } of { $ward }, state: { $state }
   *[no] new report
}). Responsible ward: { $ward }. Registry check of the code: { $verdict }.
open311-notice-media-url = media_url is not fetched; send the photo as the multipart file field "media".
open311-error-api-key = The api_key is missing or not valid.
open311-error-scope = This API key is for province { $province } only.
open311-error-rate = Too many requests; try again in { $seconds } seconds.
open311-error-not-found = No { $what } found.
open311-error-jurisdiction = No jurisdiction_id { $id } here; this endpoint serves { $ids } (or send none).
open311-error-service-code-missing = service_code is missing.
open311-error-service-code = No service_code { $code }.
open311-error-location = The location is missing: give lat and long, or address_string with attribute[venue_code] or attribute[ward_code].
open311-error-lat-long = lat and long must be valid WGS84 coordinates.
open311-error-attribute = attribute[{ $code }] is not an attribute of this service; it has { $known }.
open311-error-attribute-required = attribute[{ $code }] is missing.
open311-error-text-too-long = { $field } is longer than { $max } characters.
open311-error-date = { $field } is not an ISO 8601 time with a time zone.
open311-error-param = Parameter not understood: { $name }.
open311-error-status = status accepts only open, closed.
open311-error-page = { $field } must be a whole number from 1 to { $max }.
open311-error-media = The media file is not a usable image (JPEG, PNG, WebP).
open311-error-media-count = Only one media file is accepted.
open311-error-busy = The server is busy reading photos; try again in a few minutes.
open311-error-no-ward = The location lies outside every known ward; send attribute[venue_code] or attribute[ward_code].
open311-error-other-province = The location is in another province than this API key's.
open311-error-code-readable = The server reads the code on the photo, so the "cannot be scanned" report was not filed (attribute[if_readable]=drop).
open311-error-code-official = The code on the photo is the venue's official code here, so the "wrong information" report was not filed (attribute[if_official]=drop).
open311-error-too-large = The request body is too large (at most { $size }).
open311-error-content-type = Only application/x-www-form-urlencoded or multipart/form-data is accepted.
open311-error-bad-request = The request is not valid.
open311-error-internal = Server error; the request was logged for inspection.
open311-error-attribute-choice = attribute[{ $code }] must be one of { $choices }.
open311-error-attribute-code = attribute[{ $code }] must be letters, digits, - or _ (at most 64).
open311-error-no-venue = attribute[venue_code]: no venue with code { $code }.
open311-error-no-ward-code = attribute[ward_code]: no ward with code { $code }.
open311-error-span = start_date to end_date may not span more than { $days } days (nor end before it starts).
open311-error-header-too-large = The request headers are too large (at most { $size } in all).
open311-error-too-many-parts = The form has too many parts (at most { $fields } fields and one media file).
