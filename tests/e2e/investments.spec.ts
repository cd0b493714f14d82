import { samplePdf } from "../support/org-factories";
import { checkA11y, expect, signIn, test } from "./fixtures";
import { latestEmailLink } from "./outbox";

const OFFICER = ["naga.invest@tulay.example", "tulay-demo-staff"] as const;
// Rosa Dela Cruz lives in Milan; her hometown is Naga City.
const MEMBER = ["rosa.delacruz@example.org", "tulay-demo-member"] as const;

test("an officer publishes an opportunity, a member in Italy expresses interest, the officer moves the lead to a case and links her permit application", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `Calabanga bay seaweed farm ${stamp}`;

  // The investment officer publishes; a range out of order is refused beside the field first.
  await signIn(page, ...OFFICER);
  await page.goto("/manage/naga-city/investments?lng=en");
  await expect(page.getByRole("link", { name: "Mount Isarog agro-tourism farm" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "New opportunity" }).click();
  await page.locator("#field-title").fill(title);
  await page.locator("#field-summary").fill("Partner with fisherfolk for a seaweed drying and trading business.");
  await page.locator("#field-sector").selectOption("agribusiness");
  await page.locator("#field-kind").selectOption("supplier_trade");
  await page.locator("#field-ticketMin").fill("2,000,000");
  await page.locator("#field-ticketMax").fill("500,000");
  await page.getByLabel("Training and business support").check();
  await page.locator("#field-contactOffice").fill("Naga City Investment and Promotions Office");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.locator("#field-ticketMax-error")).toHaveText("The largest amount must not be smaller than the smallest.");
  await checkA11y(page);
  await page.locator("#field-ticketMin").fill("200,000");
  await page.locator("#field-ticketMax").fill("2,000,000");
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.locator(".toast")).toContainText("The opportunity is published.");
  await expect(page.locator(".badge").first()).toHaveText("Open");
  await checkA11y(page);

  // The public finds it without JavaScript.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const reader = await visitor.newPage();
  await reader.goto(`/invest?lng=en&q=seaweed+${stamp}`);
  await expect(reader.getByText("Opportunities found: 1")).toBeVisible();
  await expect(reader.getByText("Tulay does not collect money for investments")).toBeVisible();
  await reader.getByRole("link", { name: title }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(reader.getByRole("link", { name: "Sign in to express your interest" })).toBeVisible();
  await reader.goto("/lgus/naga-city/invest?lng=en");
  await expect(reader.getByRole("link", { name: "Apply online: Business permit (new business)" })).toBeVisible();
  await visitor.close();
  // axe needs JavaScript in the page: the same public pages, checked by the officer's browser.
  for (const url of [`/invest?lng=en&q=seaweed+${stamp}`, "/lgus/naga-city/invest?lng=en", "/invest/mount-isarog-agro-tourism-farm?lng=fil", "/invest/taliouine-saffron-cooperative?lng=ar"]) {
    await page.goto(url);
    await checkA11y(page);
  }

  // Rosa, in Milan, sees suggestions with reasons, and expresses interest (a range out of order first).
  const home = await browser.newContext();
  const rosa = await home.newPage();
  await signIn(rosa, ...MEMBER);
  await rosa.goto("/me?lng=en");
  const forYou = rosa.locator("section", { has: rosa.getByRole("heading", { name: "Opportunities for you" }) });
  await expect(forYou.getByRole("link", { name: "Mount Isarog agro-tourism farm" })).toBeVisible();
  await expect(forYou).toContainText("in your hometown, Naga City");
  await expect(forYou).toContainText("matches your interest in Agriculture and fisheries, Tourism");
  await checkA11y(rosa);
  await rosa.goto("/invest?lng=en");
  await rosa.locator("#q").fill(`seaweed ${stamp}`);
  await rosa.getByRole("button", { name: "Search" }).click();
  await rosa.getByRole("link", { name: title }).click();
  await checkA11y(rosa);
  await rosa.locator("#field-amountMin").fill("900,000");
  await rosa.locator("#field-amountMax").fill("300,000");
  await rosa.locator("#field-role").selectOption("co_founder");
  await rosa.locator("#field-message").fill("I import Filipino food to Milan and can buy the dried seaweed.");
  await rosa.getByRole("button", { name: "Send my expression of interest" }).click();
  await expect(rosa.locator("#field-amountMax-error")).toHaveText("The largest amount must not be smaller than the smallest.");
  await checkA11y(rosa);
  await rosa.locator("#field-amountMin").fill("300,000");
  await rosa.locator("#field-amountMax").fill("900,000");
  await rosa.getByLabel(/Share my email address and phone number/).check();
  await rosa.locator("#field-phone").fill("+39 333 555 0199");
  await rosa.getByRole("button", { name: "Send my expression of interest" }).click();
  await expect(rosa).toHaveURL(/\/me\/invest\/[0-9a-f-]{36}$/);
  await expect(rosa.locator(".toast")).toContainText("Your expression of interest is sent.");
  await expect(rosa.locator(".badge").first()).toHaveText("New");
  const interestUrl = rosa.url();
  await checkA11y(rosa);

  // She applies for her business permit at Naga City (to be linked to her case).
  await rosa.goto("/lgus/naga-city/permits/new-business/apply?lng=en");
  await rosa.locator("#field-businessName").fill(`Bicol Seaweed Trading ${stamp}`);
  await rosa.locator("#field-lineOfBusiness").fill("Seaweed drying and trading");
  await rosa.locator("#field-address").fill("Barangay Sabang, Calabanga road, Naga City");
  await rosa.locator("#field-ownerName").fill("Rosa Dela Cruz");
  await rosa.locator("#field-ownerPhone").fill("+39 333 555 0199");
  await rosa.locator("#field-declared").fill("300,000");
  await rosa.getByRole("button", { name: "Save and continue to the documents" }).click();
  await expect(rosa).toHaveURL(/\/me\/permits\/[0-9a-f-]{36}$/);
  for (const index of [0, 1]) {
    await rosa.locator("form[enctype='multipart/form-data']").nth(index).locator("input[type=file]").setInputFiles({ name: `doc-${index}.pdf`, mimeType: "application/pdf", buffer: samplePdf() });
    await rosa.locator("form[enctype='multipart/form-data']").nth(index).getByRole("button", { name: "Upload", exact: true }).click();
    await expect(rosa.locator(".toast")).toContainText("The document is uploaded.");
  }
  await rosa.getByRole("button", { name: "Submit the application" }).click();
  await expect(rosa.locator(".toast")).toContainText("Submitted. Your reference is NAGA-CITY-BP-");
  const reference = (await rosa.locator("p", { hasText: "Reference" }).locator("span[dir=ltr]").first().textContent())!.trim();

  // A permits officer is not an investment officer: the leads are refused to them.
  const permitsOffice = await browser.newContext();
  const clerk = await permitsOffice.newPage();
  await signIn(clerk, "naga.permits@tulay.example", "tulay-demo-staff");
  const refused = await clerk.goto("/manage/naga-city/investments/leads?lng=en");
  expect(refused?.status()).toBe(403);
  await permitsOffice.close();

  // The officer moves the new lead on the board, without JavaScript.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const board = await plain.newPage();
  await signIn(board, ...OFFICER);
  await board.goto("/manage/naga-city/investments/leads?view=board&lng=en");
  const card = board.locator(".lead-card", { hasText: title });
  await expect(card).toBeVisible();
  await card.locator("select[name=stage]").selectOption("contacted");
  await card.getByRole("button", { name: "Move" }).click();
  await expect(board.locator(".toast")).toContainText("The lead is moved.");
  await expect(board.locator(".board__column", { has: board.getByRole("heading", { name: /^Contacted/ }) }).locator(".lead-card", { hasText: title })).toBeVisible();
  await plain.close();
  await page.goto("/manage/naga-city/investments/leads?view=board&lng=en");
  await checkA11y(page);

  // On the lead's page: her contact details (she consented), a meeting opens the case, the permit application is linked.
  await page.goto("/manage/naga-city/investments/leads?lng=en");
  await page.getByRole("row", { name: new RegExp(title) }).getByRole("link", { name: "Rosa Dela Cruz" }).click();
  await expect(page.getByRole("link", { name: "rosa.delacruz@example.org" })).toBeVisible();
  await expect(page.getByText("+39 333 555 0199")).toBeVisible();
  await expect(page.getByText("The case opens when the lead moves past “contacted”.")).toBeVisible();
  await checkA11y(page);
  await page.locator("#lead-stage").selectOption("meeting");
  await page.locator("#lead-stage-note").fill("Video call with the fisherfolk association on Friday.");
  await page.getByRole("button", { name: "Move the lead" }).click();
  await expect(page.locator(".toast")).toContainText("The lead is moved.");
  await expect(page.getByRole("heading", { name: "Case file" })).toBeVisible();
  await page.locator("#case-reference").fill("OTHER-LGU-BP-2026-000001");
  await page.getByRole("button", { name: "Link the application" }).click();
  await expect(page.locator("#case-reference-error")).toHaveText("No permit application has this reference.");
  await page.locator("#case-reference").fill(reference);
  await page.getByRole("button", { name: "Link the application" }).click();
  await expect(page.locator(".toast")).toContainText("The permit application is linked.");
  await expect(page.getByText(`Application ${reference}`)).toBeVisible();
  await page.locator("#case-task-title").fill("Review the seaweed drying plan");
  await page.getByRole("button", { name: "Add the task" }).click();
  await expect(page.locator(".toast")).toContainText("The task is added.");
  await page.locator("#lead-reply").fill("Thank you Rosa! Your permit application is now part of your case.");
  await page.getByRole("button", { name: "Send the reply" }).click();
  await expect(page.locator(".toast")).toContainText("The reply is sent.");
  // Rosa is emailed the reply (the office never sees her address for it), with a link to answer.
  expect(new URL(await latestEmailLink(MEMBER[0], "investment-reply")).pathname).toBe(new URL(interestUrl).pathname);
  await checkA11y(page);
  const csv = await page.request.get("/manage/naga-city/investments/leads.csv");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("rosa.delacruz@example.org");

  // Rosa sees the stage, the reply, her case's phase and her application.
  await rosa.goto(`${interestUrl}?lng=en`);
  await expect(rosa.locator(".badge").first()).toHaveText("Meeting");
  await expect(rosa.getByText("Thank you Rosa! Your permit application is now part of your case.")).toBeVisible();
  await expect(rosa.getByText("Phase: Formalisation")).toBeVisible();
  await expect(rosa.getByRole("link", { name: new RegExp(`Business permit application ${reference}`) })).toBeVisible();
  await checkA11y(rosa);
  await home.close();
});

test("the leads board stacks on a phone, in Arabic, right to left", async ({ browser }) => {
  // The board ships no JavaScript either way; this context keeps it on for axe.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await signIn(page, ...OFFICER);
  await page.goto("/manage/naga-city/investments/leads?view=board&lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const columns = page.locator(".board__column");
  await expect(columns).toHaveCount(7);
  const first = await columns.nth(0).boundingBox();
  const second = await columns.nth(1).boundingBox();
  expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkA11y(page);
  await phone.close();
});
