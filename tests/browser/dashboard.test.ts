import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createStandin, type Standin } from "../../src/standin/index.js";
import { seedDashboardStory } from "../helpers/dashboard-story.js";
import { PRIVATE_KEY, useHarness } from "../helpers/harness.js";
import { APP_ID, repo } from "../helpers/ids.js";
import { SESSION_SECRET } from "../helpers/user-github.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";

/** Screenshots of every page the run opened, for a person to look at (gitignored). */
const SHOTS = join(process.cwd(), "test-results", "screenshots");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const h = useHarness();
let browser: Browser;
let standin: Standin | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Playwright gives the browser a fresh profile in the temporary directory and removes it on close.
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
});

// Before the server closes (after-hooks run last-registered first): a page left open keeps its connections.
afterEach(async () => {
  for (const context of browser.contexts()) await context.close();
  await standin?.stop();
  standin = undefined;
});

afterAll(async () => {
  await browser?.close();
});

/**
 * GitHub as the stand-in has it: acme with shop and product, both installed, pam a member who
 * can reach them; Senseloop's tables hold the same repositories (by the stand-in's ids) with
 * their loops. Senseloop's server is the real one, on the harness's database, reaching the
 * stand-in as GitHub Enterprise Server.
 */
async function serveAgainstStandin(): Promise<string> {
  standin = createStandin({ app: { id: APP_ID, privateKey: PRIVATE_KEY }, oauth: { signedIn: "pam" } });
  await standin.start();
  standin.createOrg({ login: "acme" });
  standin.createUser({ login: "pam" });
  const shop = standin.createRepo({ owner: "acme", name: "shop", private: true, creator: "pam" });
  const product = standin.createRepo({ owner: "acme", name: "product", private: true, creator: "pam" });
  for (const name of ["acme/shop", "acme/product"]) standin.grantAccess({ repo: name, login: "pam", role: "write" });
  const installation = standin.createInstallation({ account: "acme", repositories: "all", sender: "pam" });
  await seedDashboardStory(h, { shop: repo("acme", "shop", shop.id), product: repo("acme", "product", product.id), installationId: installation.id });
  const env = testEnv({ GITHUB_CLIENT_ID: standin.app.clientId, GITHUB_CLIENT_SECRET: standin.app.clientSecret, SESSION_SECRET, GHE_HOST: new URL(standin.url).host, GHE_PROTOCOL: "http" });
  const { base } = await serveWeb(harnessParts(h, env));
  standin.state.app.callbackUrls.push(`${base}/auth/callback`);
  return base;
}

/** Every console error and uncaught exception of the page; a CSP refusal shows up here too. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** The page as it prints: screenshot under print rules, and what of the screen furniture is still shown. */
async function printed(page: Page, name: string): Promise<{ shown: string[] }> {
  await page.emulateMedia({ media: "print" });
  await shot(page, `${name}-print`);
  const furniture = ["header nav", "header .who", "form", "details:not(.readings) > summary"];
  const shown: string[] = [];
  for (const selector of furniture) {
    for (const el of await page.locator(selector).all()) if (await el.isVisible()) shown.push(selector);
  }
  await page.emulateMedia({ media: "screen" });
  return { shown };
}

/** A browser tab at a desktop size, or a phone's. */
async function open(o: { javaScript?: boolean; phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: o.javaScript ?? true, viewport: o.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 } });
  return context.newPage();
}

/** Nothing of the page is wider than the window: no sideways scrolling of the whole page. */
const overflow = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

describe("the dashboard in a browser", () => {
  it("signs in with GitHub, shows the organisation, a repository, a hypothesis and the learning log, and signs out", async () => {
    const base = await serveAgainstStandin();
    const page = await open();
    const problems = watch(page);

    await page.goto(`${base}/`);
    await shot(page, "1-landing");
    await page.getByRole("link", { name: "Sign in with GitHub" }).first().click();
    // Through the stand-in's authorize page and back to our callback, then home.
    await page.getByText("Signed in as").waitFor();
    expect(page.url()).toBe(`${base}/`);
    await shot(page, "2-home");
    const home = await page.locator("main").innerText();

    await page.getByRole("link", { name: "acme", exact: true }).click();
    await page.waitForURL(`${base}/acme`);
    await shot(page, "3-organisation");
    const rows = await page.locator("table.repos tbody tr").allInnerTexts();
    const index = await page.locator("figure#feature-factory").innerText();
    const mix = await page.locator("p.mix").innerText();
    const orgPrint = await printed(page, "3-organisation");

    await page.getByRole("link", { name: "acme/shop" }).click();
    await page.waitForURL(`${base}/acme/shop`);
    await shot(page, "4-repository");
    const overdue = await page.locator("section#overdue tbody tr").allInnerTexts();
    const sparkline = await page.locator("section#overdue .spark svg").first().getAttribute("aria-label");
    const axis = await page.locator("figure#response-days svg text.chart-text").allTextContents();
    const repoPrint = await printed(page, "4-repository");

    await page.getByRole("link", { name: "#12 Returning customers reorder a past basket" }).first().click();
    await page.waitForURL(`${base}/acme/shop/hypotheses/12`);
    await shot(page, "5-hypothesis");
    const timeline = await page.locator("ol.timeline").innerText();
    const hypothesisPrint = await printed(page, "5-hypothesis");

    await page.goto(`${base}/acme/learnings`);
    await page.getByLabel("Search").fill("gift card");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/\/acme\/learnings\?q=gift\+card/);
    await shot(page, "6-learnings");
    const found = await page.locator("ul.entries > li").allInnerTexts();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Close the loop on what you ship" }).waitFor();
    await shot(page, "7-signed-out");
    const after = await page.locator("body").innerText();

    expect(home).toContain("acme");
    expect(home).toContain("2 repositories");
    expect(rows.map((row) => row.split("\t")[0])).toEqual(["acme/shop", "acme/product"]);
    expect(mix).toBe("3 decisions recorded: 1 persevere · 1 pivot · 1 kill");
    expect(index).toContain("Merged PRs without a hypothesis");
    expect(index).toContain("Shipped loops without a response");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toContain("#14 One-page checkout halves drop-off");
    expect(overdue[0]).toContain("pam, maria");
    expect(sparkline).toBe("Signal of #14 in production: 2 readings from 2026-01-31 to 2026-02-10: baseline 0.42, latest 0.4.");
    // Round steps up the axis, then the bars' labels.
    expect(axis.slice(0, 6)).toEqual(["0", "5", "10", "15", "20", "25"]);
    expect(timeline).toContain("maria extended production by 7 days, to 2026-02-23 09:00 UTC: Easter traffic skews the first week");
    expect(timeline).toContain("Reminder posted on the sense issue");
    expect(timeline).toContain("Reorders rose from 15% to 21%");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("Kill");
    expect(found[0]).toContain("Nobody bought a gift card");
    expect(after).toContain("Sign in with GitHub");
    expect(after).not.toContain("Signed in as");
    // Printed, a page is its content: no navigation, forms or "The numbers" toggles.
    expect([orgPrint.shown, repoPrint.shown, hypothesisPrint.shown]).toEqual([[], [], []]);
    expect(problems).toEqual([]);
  }, 120_000);

  it("works without JavaScript: signs in, sorts the repositories, filters the learning log by decision, signs out", async () => {
    const base = await serveAgainstStandin();
    const page = await open({ javaScript: false });
    const problems = watch(page);

    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Sign in with GitHub" }).first().click();
    await page.getByText("Signed in as").waitFor();
    await page.goto(`${base}/acme`);
    await page.getByRole("link", { name: "Repository" }).click();
    await page.waitForURL(`${base}/acme?sort=name&dir=asc`);
    const sorted = (await page.locator("table.repos tbody tr").allInnerTexts()).map((row) => row.split("\t")[0]);
    // From the organisation's decision mix to those entries of the learning log.
    await page.getByRole("link", { name: "1 pivot" }).click();
    await page.waitForURL(`${base}/acme/learnings?decision=pivot`);
    const linked = await page.locator("ul.entries > li").allInnerTexts();
    await page.getByLabel("Decision").selectOption("pivot");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/decision=pivot/);
    const found = await page.locator("ul.entries > li").allInnerTexts();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Close the loop on what you ship" }).waitFor();
    const after = await page.locator("body").innerText();

    expect(sorted).toEqual(["acme/product", "acme/shop"]);
    expect(linked).toEqual(found);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("Pivot");
    expect(found[0]).toContain("Teams skip the checklist");
    expect(after).not.toContain("Signed in as");
    expect(problems).toEqual([]);
  }, 120_000);

  it("fits a phone's width: the header wraps and wide tables scroll inside the page", async () => {
    const base = await serveAgainstStandin();
    const page = await open({ phone: true });
    const problems = watch(page);

    await page.goto(`${base}/`);
    await page.getByRole("link", { name: "Sign in with GitHub" }).first().click();
    await page.getByText("Signed in as").waitFor();
    const widths: Record<string, number> = {};
    for (const [name, path] of [["organisation", "/acme"], ["repository", "/acme/shop"], ["hypothesis", "/acme/shop/hypotheses/12"], ["learnings", "/acme/learnings"]] as const) {
      await page.goto(`${base}${path}`);
      await shot(page, `phone-${name}`);
      widths[name] = await overflow(page);
    }

    expect(widths).toEqual({ organisation: 0, repository: 0, hypothesis: 0, learnings: 0 });
    expect(problems).toEqual([]);
  }, 120_000);
});
