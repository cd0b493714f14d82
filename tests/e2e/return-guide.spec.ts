import { checkA11y, expect, signIn, test } from "./fixtures";

// Not Maria: accounts.spec.ts changes her password while other specs run.
const RETURNEE = ["jose.martinez@example.org", "tulay-demo-member"] as const;

test.describe("a returning mechanic, on a phone", () => {
  // The reading pages ship no script at all (asserted below); axe itself needs the browser's JavaScript.
  test.use({ viewport: { width: 360, height: 740 } });

  test("reads the guide's pension and schooling topics, Naga's own pages and the services near Naga, in English and Arabic", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/lgus/naga-city?lng=en");
    await page.getByRole("link", { name: "Returnee guide for this place" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Returnee guide: City Government of Naga");
    await checkA11y(page);
    await page.getByRole("link", { name: "National returnee guide" }).click();
    await expect(page).toHaveURL(/\/return$/);
    await expect(page.getByText("you do not have to go back to your hometown")).toBeVisible();
    await checkA11y(page);

    // Pensions: SSS contributions paid abroad.
    await page.getByRole("link", { name: "Rights, obligations and return policies" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rights, obligations and return policies");
    await expect(page.locator(".prose")).toContainText("Contributions you paid to the SSS while abroad");
    await expect(page.getByText(/^Last reviewed /)).toBeVisible();
    expect(await page.locator("script").count()).toBe(0);
    await checkA11y(page);

    // Schooling of children born abroad, nationally and in Naga.
    await page.goto("/return/families?lng=en");
    await expect(page.locator(".prose")).toContainText("Report of Birth");
    await expect(page.locator(".prose")).toContainText("placement test");
    await page.goto("/lgus/naga-city/return/families");
    await expect(page.locator(".prose")).toContainText("Schools Division of Naga City");
    await checkA11y(page);
    // A topic Naga has not written points to the national one.
    await page.goto("/lgus/naga-city/return/rights");
    await expect(page.getByText("City Government of Naga has not written about this topic yet.")).toBeVisible();
    await page.getByRole("link", { name: "Read this topic in the national guide" }).click();
    await expect(page).toHaveURL(/\/return\/rights$/);

    // Services near Naga: a training centre that speaks Bikol, in the province.
    await page.goto("/return/services?lng=en");
    await checkA11y(page);
    await page.locator("#kind").selectOption("training_centre");
    await page.locator("#place").selectOption({ label: "Camarines Sur" });
    await page.locator("#language").selectOption({ label: "Bikol" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.locator("p[role=status]")).toHaveText("Services found: 2");
    await expect(page.getByRole("heading", { name: "TESDA Camarines Sur Provincial Training Center" })).toBeVisible();
    await expect(page.getByText("Open to everyone.").first()).toBeVisible();
    await checkA11y(page);
    await page.goto("/lgus/naga-city/return/services");
    await expect(page.getByRole("heading", { name: "Naga City PESO – OFW Help Desk" })).toBeVisible();

    // The same in Arabic, right to left, without overflowing the phone's width.
    for (const path of ["/return?lng=ar", "/return/rights", "/return/families", "/lgus/naga-city/return/steps", "/return/services"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), path).toBe(true);
      expect(await page.locator("script").count(), path).toBe(0);
      await checkA11y(page);
    }
    await page.goto("/return/rights");
    await expect(page.locator(".prose")).toContainText("الضمان الاجتماعي");
    await page.goto("/return/families");
    await expect(page.locator(".prose")).toContainText("المدارس الحكومية");
  });
});

test("a returnee keeps the administrative steps as a private checklist, ticks steps, writes a note and adds a line", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto("/return/steps?lng=en");
  await expect(page.getByRole("link", { name: "Sign in to keep these steps as a checklist" })).toBeVisible();
  await signIn(page, ...RETURNEE);
  await page.goto("/lgus/naga-city/return/steps?lng=en");
  await page.getByRole("button", { name: "Start my checklist" }).click();
  await expect(page).toHaveURL(/\/me\/return-checklist\/[0-9a-f-]{36}$/);
  const checklistUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My return checklist");
  await expect(page.locator("p[role=status]")).toHaveText("0 of 6 done");
  await checkA11y(page);
  await page.getByRole("button", { name: /Mark as done Get a barangay certificate of residency/ }).click();
  await expect(page.locator("p[role=status]")).toHaveText("1 of 6 done");
  await page.locator("details", { hasText: "Register at the PESO OFW help desk" }).first().locator("summary").click();
  const note = page.locator("li", { hasText: "Register at the PESO OFW help desk" }).locator("textarea");
  await note.fill("Bring the certificate from the garage in Jeddah");
  await page.locator("li", { hasText: "Register at the PESO OFW help desk" }).getByRole("button", { name: "Save note" }).click();
  await expect(page.locator("li", { hasText: "Register at the PESO OFW help desk" }).locator("textarea")).toHaveValue("Bring the certificate from the garage in Jeddah");
  await page.locator("#label").fill("Ship my tool box");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.locator(".toast")).toContainText("Line added.");
  await expect(page.locator("li span[dir=auto]", { hasText: "Ship my tool box" })).toBeVisible();
  await expect(page.locator("p[role=status]")).toHaveText("1 of 7 done");
  await checkA11y(page);

  // In Arabic on a phone: right to left, nothing wider than the screen.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${checklistUrl}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await checkA11y(page);
  await page.goto("/me/return-checklist");
  await checkA11y(page);
  await page.goto("/me?lng=en");
  await page.getByRole("link", { name: "My return checklist" }).click();
  await expect(page.getByRole("link", { name: "From the guide of City Government of Naga" })).toBeVisible();

  // Without JavaScript too: plain forms, back to the same line.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto(checklistUrl);
  await plain.getByRole("button", { name: /Mark as done Ship my tool box/ }).click();
  await expect(plain.locator("p[role=status]")).toHaveText("2 of 7 done");
  await plain.getByRole("button", { name: /Remove Ship my tool box/ }).click();
  await expect(plain.locator("p[role=status]")).toHaveText("1 of 6 done");
  await noScript.close();

  // Nobody else sees it.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "amina.aitali@example.org", "tulay-demo-member");
  const response = await otherPage.goto(checklistUrl);
  expect(response?.status()).toBe(404);
  await other.close();
});

test("Naga's editor updates a topic and adds a directory entry; a platform admin marks the stale national topic reviewed", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "naga.editor@tulay.example", "tulay-demo-staff");
  await page.goto("/manage/naga-city?lng=en");
  await page.getByRole("link", { name: "Returnee guide" }).click();
  await expect(page).toHaveURL(/\/manage\/naga-city\/return-guide$/);
  await checkA11y(page);
  await page.getByRole("link", { name: "Training opportunities" }).click();
  const english = page.locator("#body_en");
  await english.fill(`${await english.inputValue()}\n\nNext evening intake: ${stamp}.`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator(".toast")).toContainText("Topic saved.");
  await checkA11y(page);
  await page.getByRole("link", { name: "View on the site" }).click();
  await expect(page.locator(".prose")).toContainText(`Next evening intake: ${stamp}.`);

  await page.goto("/manage/naga-city/return-guide/services?lng=en");
  await checkA11y(page);
  const create = page.locator("form", { has: page.getByRole("heading", { name: "Add an entry" }) });
  await create.locator("#new-kind").selectOption("psychosocial_support");
  await create.locator("#new-name").fill(`Bicol Returnees' Peer Group ${stamp}`);
  await create.locator("#new-placeId").selectOption({ label: "Naga City (Camarines Sur)" });
  await create.locator("#new-address").fill("Naga City Civic Center");
  await create.locator("#new-email").fill("not-an-email");
  await create.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#new-email-error")).toHaveText("Give an email address such as name@example.org.");
  await checkA11y(page);
  await page.locator("#new-email").fill("peers@example.org");
  await page.locator("label", { hasText: "Bikol" }).last().locator("input").check();
  await page.locator("form", { has: page.getByRole("heading", { name: "Add an entry" }) }).getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".toast")).toContainText("Entry saved.");
  await page.goto(`/return/services?lng=en&q=${stamp}`);
  await expect(page.getByRole("heading", { name: `Bicol Returnees' Peer Group ${stamp}` })).toBeVisible();

  const adminContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@tulay.example", "tulay-demo-admin");
  await admin.goto("/admin?lng=en");
  await admin.getByRole("link", { name: "National returnee guide" }).click();
  const investment = admin.locator("tr", { hasText: "Investment opportunities" });
  await expect(investment.locator(".badge")).toHaveText("Needs review");
  await checkA11y(admin);
  await investment.getByRole("link").click();
  await admin.getByRole("button", { name: "Mark as reviewed (the text is still right)" }).click();
  await expect(admin.locator(".toast")).toContainText("Marked as reviewed.");
  await admin.goto("/admin/return-guide?lng=ar");
  await expect(admin.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(admin.locator(".badge", { hasText: "تحتاج إلى مراجعة" })).toHaveCount(0);
  expect(await admin.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await checkA11y(admin);
  await admin.goto("/admin/return-guide/families");
  await checkA11y(admin);
  await adminContext.close();
});
