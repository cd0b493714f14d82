import { checkA11y, expect, signIn, test } from "./fixtures";

test("a visitor finds a project by a misspelt Filipino search and reads its page", async ({ page }) => {
  await page.goto("/projects?lng=fil");
  await checkA11y(page);
  await page.locator("#q").fill("iskolarsp");
  await page.locator("form[role=search] button[type=submit]").click();
  await expect(page).toHaveURL(/q=iskolarsp/);
  const result = page.getByRole("link", { name: "Iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral" });
  await expect(result).toBeVisible();
  await checkA11y(page);
  await result.click();
  await expect(page).toHaveURL(/\/projects\/naga-scholarships-2027$/);
  await expect(page.locator("h1")).toHaveText("Iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral");
  await checkA11y(page);
  // A link pasted in a chat app shows a card.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Iskolarsip/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
  expect((await page.request.get("/og-image.png")).headers()["content-type"]).toBe("image/png");
});

test("a project page shows spending by budget line and co-funders, in Arabic right-to-left", async ({ page }) => {
  await page.goto("/projects/naga-river-revitalisation?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("#budget-title")).toBeVisible();
  await expect(page.locator("table.data").first().locator("tbody tr")).toHaveCount(2);
  await checkA11y(page);
  await page.goto("/projects/intipuca-water-system?lng=en");
  await expect(page.locator("#cofunders-title ~ table tbody tr")).toHaveCount(3);
  await checkA11y(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("filters work as a plain form, and drafts never show", async ({ page }) => {
    await page.goto("/projects?lng=en");
    await page.locator("#sector").selectOption("water");
    await page.locator("form[role=search] button[type=submit]").click();
    await expect(page.locator("main h2")).toHaveCount(2);
    expect((await page.locator("main h2").allTextContents()).map((t) => t.trim()).sort()).toEqual(["Drinking water for Intipucá's rural cantons", "Level III water for Barangay Carolina and Panicuason"]);
    const draft = await page.goto("/projects/batangas-school-buildings");
    expect(draft?.status()).toBe(404);
  });
});

test("an LGU editor creates and submits a project, an admin approves it, and visitors find it", async ({ browser }) => {
  const title = `Pailaw sa mga kalye ${Date.now().toString(36)}`;
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "naga.editor@tulay.example", "tulay-demo-staff");
  await editor.goto("/manage/naga-city/projects/new?lng=en");
  await checkA11y(editor);
  // Bad input first: a translated message beside the field, nothing saved.
  await editor.locator("#field-title").fill(title);
  await editor.locator("#field-goal").fill("-100");
  await editor.locator("form.form button[type=submit]").click();
  await expect(editor.locator("#field-goal")).toHaveAttribute("aria-invalid", "true");
  await checkA11y(editor);
  await editor.locator("#field-goal").fill("750000");
  await editor.locator("#field-summary").fill("Mga ilaw na pinapagana ng araw para sa mga kalye ng barangay.");
  await editor.locator("#field-sector").selectOption("roads");
  await editor.locator("form.form button[type=submit]").click();
  await expect(editor).toHaveURL(/\/manage\/naga-city\/projects\/pailaw-sa-mga-kalye/);
  await editor.locator("#line-label").fill("Solar street lamps");
  await editor.locator("#line-amount").fill("600000");
  await editor.getByRole("button", { name: "Add the line" }).click();
  await expect(editor.locator("#ledger-title ~ .table-wrap tbody tr")).toHaveCount(1);
  await editor.getByRole("button", { name: "Submit for review" }).click();
  await expect(editor.locator(".toast")).toBeVisible();
  // An editor cannot publish: the button is not offered.
  await expect(editor.getByRole("button", { name: "Approve and open fundraising" })).toHaveCount(0);
  const projectUrl = new URL(editor.url()).pathname;
  await editorContext.close();

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "naga.admin@tulay.example", "tulay-demo-staff");
  await admin.goto(`${projectUrl}?lng=en`);
  await admin.getByRole("button", { name: "Approve and open fundraising" }).click();
  await expect(admin.locator(".toast")).toContainText("public");
  await checkA11y(admin);
  // The admin reports money spent; it is public at once.
  await admin.locator("#spending-amount").fill("125000");
  await admin.locator("#spending-date").fill("2026-11-20");
  await admin.locator("#spending-payee").fill("Bicol Solar Supply");
  await admin.locator("#spending-category").selectOption("equipment");
  await admin.locator("#spending-line").selectOption({ label: "Solar street lamps" });
  await admin.getByRole("button", { name: "Report this spending" }).click();
  await expect(admin.locator(".toast")).toContainText("reported");
  await admin.goto(`/projects/${projectUrl.split("/").pop()}?lng=en`);
  await expect(admin.locator("#spending-title ~ table")).toContainText("Bicol Solar Supply");
  await expect(admin.locator("#budget-title ~ table")).toContainText("₱125,000.00");
  await adminContext.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/projects?lng=fil&q=pailw");
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await visitorContext.close();
});

test("a member follows a project and sees its next update among their notifications", async ({ browser }) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await member.goto("/projects/naga-scholarships-2027?lng=en");
  // Not signed in: following asks for sign-in and comes back.
  await member.getByRole("button", { name: "Follow this project" }).click();
  await expect(member).toHaveURL(/\/login\?redirectTo=/);
  await member.locator("#field-email").fill("amina.aitali@example.org");
  await member.locator("#field-password").fill("tulay-demo-member");
  await member.locator("form.form button[type=submit]").click();
  await expect(member).toHaveURL(/\/projects\/naga-scholarships-2027/);
  await member.getByRole("button", { name: "Follow this project" }).click();
  await expect(member.getByRole("button", { name: "Stop following" })).toBeVisible();
  await checkA11y(member);

  // Naga's editor posts an update from the project's staff page.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signIn(editor, "naga.editor@tulay.example", "tulay-demo-staff");
  await editor.goto("/manage/naga-city/projects/naga-scholarships-2027?lng=en");
  await editor.locator("#update-body").fill("The selection panel meets on 15 May; 212 students applied.");
  await editor.getByRole("button", { name: "Post the update" }).click();
  await expect(editor.locator(".toast")).toContainText("follower");
  await editorContext.close();

  await member.goto("/me?lng=en");
  await expect(member.locator("#me-notifications ~ ul")).toContainText("Scholarships for poor but deserving students");
  await member.getByRole("button", { name: "Mark all as read" }).click();
  await expect(member.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await checkA11y(member);
  await member.goto("/projects/naga-scholarships-2027?lng=en");
  await expect(member.getByText("212 students applied")).toBeVisible();
  await memberContext.close();
});
