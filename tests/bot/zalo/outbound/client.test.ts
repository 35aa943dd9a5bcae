import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloClient, ZaloApiError } from "../../../../bot/zalo/outbound/client.js";
import { useTestDatabase } from "../../../support/database.js";
import { startZaloTestRig } from "../../../support/zalo.js";

describe("the Zalo OA client", () => {
  const db = useTestDatabase();
  let rig: Awaited<ReturnType<typeof startZaloTestRig>>;
  beforeAll(async () => {
    rig = await startZaloTestRig(db());
  });
  afterAll(() => rig.fake.close());
  const user = "8400000000000000201";

  it("sends customer-service text with the access_token header and the v3 body", async () => {
    await rig.client.sendText(user, "Cảm ơn bạn đã báo cáo");
    const call = rig.fake.calls.find((c) => c.path === "/v3.0/oa/message/cs")!;
    expect(call.headers.access_token).toMatch(/.{10,}/);
    expect(call.body).toEqual({ recipient: { user_id: user }, message: { text: "Cảm ơn bạn đã báo cáo" } });
  });

  it("uploads an image as multipart `file` and sends it by attachment id", async () => {
    const bytes = Buffer.from("ffd8ffe000104a464946", "hex");
    const id = await rig.client.uploadImage(bytes, "poster.jpg");
    expect(rig.fake.uploaded(id)?.data.equals(bytes)).toBe(true);
    await rig.client.sendImage(user, id, "Ảnh áp phích");
    expect(rig.fake.messagesTo(user).at(-1)).toEqual({
      text: "Ảnh áp phích",
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] } },
    });
  });

  it("uploads a file and sends it by token; asks for user info with Zalo's consent card", async () => {
    const token = await rig.client.uploadFile(Buffer.from("%PDF-1.4"), "bien-ban.pdf");
    await rig.client.sendFile(user, token);
    await rig.client.requestUserInfo(user, "Báo cáo QR", "Chia sẻ số điện thoại để phường liên hệ", "https://example.org/logo.png");
    const [file, info] = rig.fake.messagesTo(user).slice(-2);
    expect(file).toEqual({ attachment: { type: "file", payload: { token } } });
    expect((info!.attachment as { payload: { template_type: string } }).payload.template_type).toBe("request_user_info");
  });

  it("reads a profile", async () => {
    rig.fake.setProfile(user, "Nguyễn Thị Hoa");
    expect(await rig.client.getProfile(user)).toEqual({ userId: user, displayName: "Nguyễn Thị Hoa", isFollower: true });
  });

  it("turns a Zalo error into a ZaloApiError with its code and endpoint", async () => {
    const broken = createZaloClient({ apiRoot: rig.fake.root + "/nowhere", tokens: { accessToken: async () => "x", expired: async () => undefined } });
    const e = await broken.sendText(user, "?").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ZaloApiError);
    expect((e as ZaloApiError).code).toBe(-216);
    expect((e as ZaloApiError).endpoint).toBe("/v3.0/oa/message/cs");
  });
});
