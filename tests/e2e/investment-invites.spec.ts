/**
 * Invitations to investment opportunities (issue 9): a member from Naga allows LGUs to invite her
 * (off by default) on her profile; Naga's investment officer finds her among the people to invite
 * to the Mount Isarog farm, with why, and invites her with a plain form (no JavaScript); the portal
 * emails her; she sees the invitation on /me/invest and opens the opportunity. The page on a phone,
 * in Arabic, right to left.
 */
import { checkA11y, expect, signIn, test } from "./fixtures";
import { latestEmailLink } from "./outbox";

// Liza Villanueva, a demo member from Naga in Dubai (no other spec changes her profile).
const MEMBER = ["liza.villanueva@example.org", "tulay-demo-member"] as const;
const OFFICER = ["naga.invest@tulay.example", "tulay-demo-staff"] as const;
const FARM = "Mount Isarog agro-tourism farm";

test("a member allows invitations, the investment officer finds her for an opportunity and invites her, she opens it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // She allows invitations and makes "About you" public, so the officer sees her name.
  await signIn(page, ...MEMBER);
  await page.goto("/me/profile?lng=en");
  const consent = page.getByLabel("Local governments may invite me to their investment opportunities");
  await expect(consent).not.toBeChecked();
  await expect(page.getByText("never your email: Tulay sends the invitation")).toBeVisible();
  await checkA11y(page);
  await consent.check();
  await page.locator("#field-basicsVisibility").selectOption("public");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.locator(".toast")).toContainText("Your profile is saved.");
  await page.goto("/me/invest?lng=en");
  await expect(page.getByText("You allow local governments to invite you to their investment opportunities.")).toBeVisible();
  await expect(page.getByText("No invitation yet.")).toBeVisible();

  // The officer, without JavaScript: the opportunity's page lists her with the reasons, and the plain form invites her.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const office = await plain.newPage();
  await signIn(office, ...OFFICER);
  await office.goto("/manage/naga-city/investments?lng=en");
  await office.getByRole("link", { name: FARM }).click();
  const people = office.locator("section", { has: office.getByRole("heading", { name: "People to invite" }) });
  const liza = people.locator("li.card", { hasText: "Liza Villanueva" });
  await expect(liza).toContainText("Their hometown is Naga City.");
  await expect(liza).toContainText("Reads Filipino");
  // Rosa allows invitations but keeps her basics to herself: no name, and she fits better.
  const first = people.locator("li.card").first();
  await expect(first).toContainText("A member (name not public)");
  await expect(first).toContainText("Said they would like to invest.");
  await expect(people).not.toContainText("@");
  await liza.getByRole("button", { name: "Invite to this opportunity" }).click();
  await expect(office.locator(".toast")).toContainText("The invitation is sent by email.");
  await expect(people.locator("li.card", { hasText: "Liza Villanueva" })).toContainText("Invited");
  await expect(people.locator("li.card", { hasText: "Liza Villanueva" }).getByRole("button")).toHaveCount(0);
  await plain.close();
  expect(await latestEmailLink(MEMBER[0], "investment-invited")).toMatch(/\/invest\/mount-isarog-agro-tourism-farm$/);

  // She sees the invitation and opens the opportunity.
  await page.reload();
  const invitations = page.locator("section", { has: page.getByRole("heading", { name: "Invitations from local governments" }) });
  await expect(invitations).toContainText("City Government of Naga invited you on");
  await checkA11y(page);
  await invitations.getByRole("link", { name: FARM }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FARM);
});

test("the people to invite fit a phone, in Arabic, right to left, and pass axe", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  // Naga's admin is investment staff too.
  await signIn(page, "naga.admin@tulay.example", "tulay-demo-staff");
  await page.goto("/manage/naga-city/investments?lng=ar");
  await page.getByRole("link", { name: /Isarog/ }).first().click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("#people-title")).toHaveText("أشخاص يمكن دعوتهم");
  await expect(page.locator("section", { has: page.locator("#people-title") }).locator("li.card").first()).toContainText("عضو (الاسم غير علني)");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await checkA11y(page);
  await phone.close();
});
