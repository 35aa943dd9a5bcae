/**
 * Which Zalo OA answers pass if the same call is made again a little later. Zalo's own table
 * (developers.zalo.me, "Phụ lục › Mã lỗi") could not be read from here; checked (December 2026)
 * against what could be found:
 * - -32 "reached limit call api" / "Vượt quá giới hạn gọi API": the OA's per-app call rate; the
 *   same call passes once the window moves on (it is what Zalo answered under the independent
 *   emulator's burst, and integrations back off on it).
 * - -100 "Unknown error": the ZNS error guide (zalo.cloud/zns/guidelines/handle-error-code) says
 *   "xảy ra lỗi không xác định, vui lòng thử lại sau" (try again later), on the same OpenAPI gateway.
 * Besides codes: any HTTP 5xx (Zalo's gateway answering 502/503 with no envelope), HTTP 429, and a
 * request that got no answer at all (refused or dropped connection, timeout). The OAuth server's
 * 5xx on a token refresh is the same kind: the refresh token was not spent and is tried again.
 *
 * Permanent (retrying gets the same answer): -201 invalid parameter (v3; also what user/detail
 * answers for a user the OA does not know), -204 invalid message, -213 / -230 the user's
 * interaction window is closed (caresoft.vn's table of message codes; Poto_platform's note on
 * -230), -217 the user blocked the OA, the refresh token refused (-14014), and every code not
 * listed here. The access-token codes (-216, -220, -124) are not retried but refreshed once
 * (client.ts, ACCESS_TOKEN_ERRORS).
 */
export const TRANSIENT_ZALO_CODES: readonly number[] = [-32, -100];

/**
 * Zalo's limit on a text message: 2,000 characters (the OA "tư vấn" text message; eSMS's
 * documentation of the same Zalo call: "Giới hạn tối đa là 2.000 ký tự").
 */
export const ZALO_TEXT_LIMIT = 2000;
