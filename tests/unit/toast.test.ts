import { describe, expect, it } from "vitest";
import { getToast, redirectWithToast } from "../../app/utils/toast.server";

const cookieFrom = (response: Response) =>
  response.headers
    .get("Set-Cookie")!
    .split(/,(?=\s*\w+=)/)
    .map((c) => c.split(";")[0]!.trim())
    .join("; ");

describe("toasts across redirects", () => {
  it("are flashed into a signed cookie and read once", async () => {
    const response = await redirectWithToast("/lgus", { type: "success", messageKey: "language.changed", values: { language: "Filipino" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/lgus");
    const request = new Request("http://localhost/lgus", { headers: { Cookie: cookieFrom(response) } });
    const { toast, headers } = await getToast(request);
    expect(toast).toMatchObject({ type: "success", messageKey: "language.changed", values: { language: "Filipino" } });
    // Reading it commits a session without the flash, so the next page shows nothing.
    const next = new Request("http://localhost/", { headers: { Cookie: headers.get("Set-Cookie")!.split(";")[0]! } });
    expect((await getToast(next)).toast).toBeNull();
  });

  it("ignores a tampered cookie", async () => {
    const response = await redirectWithToast("/", { type: "info", messageKey: "x" });
    const tampered = cookieFrom(response).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const { toast } = await getToast(new Request("http://localhost/", { headers: { Cookie: tampered } }));
    expect(toast).toBeNull();
  });
});
