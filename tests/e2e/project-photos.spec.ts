import sharp from "sharp";
import { samplePdf } from "../support/org-factories";
import { checkA11y, expect, signIn, test } from "./fixtures";

const riverPhoto = async () =>
  sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 40, g: 110, b: 160 } } })
    .jpeg()
    .toBuffer();

test("an editor adds a photo (a fake one is refused first), and it becomes the public page's cover and share image", async ({ page, browser }) => {
  const alt = `Dredging the Naga River near the Colgante bridge ${Date.now().toString(36)}`;
  await signIn(page, "naga.editor@tulay.example", "tulay-demo-staff");
  await page.goto("/manage/naga-city/projects/naga-river-revitalisation?lng=en");
  await page.locator("nav[aria-labelledby=plan-title]").getByRole("link", { name: "Photos" }).click();
  await expect(page).toHaveURL(/\/naga-river-revitalisation\/photos/);
  await checkA11y(page);

  // A text file named like a photo: refused beside the file field, nothing added.
  await page.locator("#photo-new-file").setInputFiles({ name: "river.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<html>not a photo</html>") });
  await page.locator("#photo-new-alt").fill(alt);
  await page.getByRole("button", { name: "Add the photo" }).click();
  await expect(page.locator("#photo-new-file-error")).toHaveText("This file is not a JPEG, PNG or WebP image.");
  await expect(page.locator(".photo-list")).toHaveCount(0);
  await checkA11y(page);

  await page.locator("#photo-new-file").setInputFiles({ name: "river.jpg", mimeType: "image/jpeg", buffer: await riverPhoto() });
  await page.locator("#photo-new-alt").fill(alt);
  await page.getByRole("button", { name: "Add the photo" }).click();
  await expect(page.locator(".toast")).toContainText("The photo is added.");
  await expect(page.locator(".photo-list img")).toHaveAttribute("alt", alt);
  await checkA11y(page);

  // A visitor sees it as the cover, resized, and a shared link shows it.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/projects/naga-river-revitalisation?lng=en");
  const cover = visitor.locator(".project-cover img");
  await expect(cover).toHaveAttribute("alt", alt);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const ogImage = await visitor.locator('meta[property="og:image"]').getAttribute("content");
  expect(ogImage).toMatch(/\/projects\/naga-river-revitalisation\/photos\/[0-9a-f-]{36}\/1280$/);
  const image = await visitor.request.get(ogImage!);
  expect(image.headers()["content-type"]).toBe("image/webp");
  expect((await sharp(await image.body()).metadata()).width).toBe(1280);
  await checkA11y(visitor);
  await visitorContext.close();

  // Removed again, so the page is as it was.
  await page.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.locator(".toast")).toContainText("The photo is removed.");
  await expect(page.locator(".photo-list")).toHaveCount(0);
});

test("a treasurer's receipt is published with the spending report", async ({ page, browser }) => {
  const payee = `Bicol Dredging Corp ${Date.now().toString(36)}`;
  await signIn(page, "naga.admin@tulay.example", "tulay-demo-staff");
  await page.goto("/manage/naga-city/projects/naga-river-revitalisation?lng=en");
  await page.locator("#spending-amount").fill("2500");
  await page.locator("#spending-date").fill("2026-11-18");
  await page.locator("#spending-payee").fill(payee);
  await page.locator("#spending-category").selectOption("contractor");
  // Not a PDF, PNG or JPEG: refused beside the field.
  await page.locator("#spending-evidence").setInputFiles({ name: "receipt.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ executable") });
  await page.getByRole("button", { name: "Report this spending" }).click();
  await expect(page.locator("#spending-evidence-error")).toHaveText("The evidence must be a PDF, PNG or JPEG file.");
  await checkA11y(page);
  await page.locator("#spending-payee").fill(payee);
  await page.locator("#spending-evidence").setInputFiles({ name: "OR-2291.pdf", mimeType: "application/pdf", buffer: samplePdf("Official receipt 2291") });
  await page.getByRole("button", { name: "Report this spending" }).click();
  await expect(page.locator(".toast")).toContainText("reported");

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/projects/naga-river-revitalisation?lng=en");
  const row = visitor.locator("#spending-title ~ table tr", { hasText: payee });
  const receipt = row.getByRole("link", { name: "Receipt" });
  await expect(receipt).toBeVisible();
  const response = await visitor.request.get((await receipt.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await visitorContext.close();
});

test("visitors see what each project raised and sort by the share of the goal raised", async ({ page }) => {
  await page.goto("/projects?lng=en");
  await page.locator("#sort").selectOption("most_funded");
  await page.getByRole("button", { name: "Show projects" }).click();
  await expect(page).toHaveURL(/sort=most_funded/);
  await expect(page.locator(".card__title").first()).toContainText("saffron");
  await expect(page.locator(".card").first()).toContainText("raised of");
  await checkA11y(page);
  await page.locator("#sort").selectOption("nearest_goal");
  await page.getByRole("button", { name: "Show projects" }).click();
  // The river project is already being built (not raising money): not in this list.
  await expect(page.locator(".card__title", { hasText: "Naga River" })).toHaveCount(0);
  await page.goto("/projects/taliouine-saffron-cooperative?lng=fr");
  await expect(page.locator("#raised-meter")).toHaveAttribute("value", "38000000");
  await expect(page.locator("label[for=raised-meter]")).toHaveText(/^Collecté à ce jour : 84\s%/);
  await checkA11y(page);
});
