// The web UI's usage page in a real headless Chromium (Debian's, driven by playwright-core),
// against a real cluster started by
// tests/scenarios/the_usage_page_charts_tokens_and_cost_per_model_and_shows_each_budget.rs.
// Usage: node usage_page_scenario.mjs BASE_URL ARTIFACTS_DIR MODELS_JSON
// MODELS_JSON maps each model that ran to its expected tokens (input + output) today.
// It prints one step marker per line and "fail: …" (exit 1) when a check fails.
import { chromium } from "playwright-core";
import { contrastOffenders, scrollWidth } from "./page_checks.mjs";

const [baseUrl, artifacts, modelsJson] = process.argv.slice(2);
const expected = JSON.parse(modelsJson);
const step = (marker) => console.log(marker);
const check = (condition, message) => {
  if (!condition) throw new Error(message);
};
const shot = (page, name) => page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-quic", "--no-first-run", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
try {
  await page.goto(`${baseUrl}/`);
  // The dashboard's navigation leads to the usage page.
  await page.getByRole("link", { name: "Usage" }).first().click();
  await page.waitForURL(/\/usage/);
  await page.waitForSelector("#usage-chart-tokens");

  // Both charts are drawn, and every model that ran has a bar in each with its figure in its title.
  for (const chart of ["#usage-chart-tokens", "#usage-chart-cost"]) {
    const box = await page.locator(chart).boundingBox();
    check(box && box.width > 300 && box.height > 100, `${chart} is not drawn: ${JSON.stringify(box)}`);
  }
  const tokenTitles = await page.locator("#usage-chart-tokens title").allTextContents();
  for (const [model, tokens] of Object.entries(expected)) {
    const grouped = Number(tokens).toLocaleString("en-US");
    const bar = tokenTitles.find((title) => title.includes(model));
    check(bar, `no token bar for ${model}: ${tokenTitles.join(" | ")}`);
    check(bar.includes(String(tokens)) || bar.includes(grouped), `the ${model} bar says ${bar}, expected ${tokens} tokens`);
  }
  const costTitles = await page.locator("#usage-chart-cost title").allTextContents();
  check(costTitles.some((title) => title.includes("$")), `the cost chart has no dollar figure: ${costTitles.join(" | ")}`);
  const legend = await page.locator("#usage-chart-tokens").textContent();
  for (const model of Object.keys(expected)) check(legend.includes(model), `the legend lacks ${model}`);

  // The table by model lists each model, and the budgets show their use, the spent one marked.
  const table = await page.locator("#usage-by-model").textContent();
  for (const model of Object.keys(expected)) check(table.includes(model), `the table lacks ${model}`);
  const meters = page.locator("#budgets [role=meter]");
  check((await meters.count()) === 2, `expected 2 budget meters, got ${await meters.count()}`);
  const exhausted = page.locator("#budgets .budget.exhausted");
  check((await exhausted.count()) === 1, "the spent budget is not marked exhausted");
  check((await exhausted.textContent()).includes("EXHAUSTED"), "the spent budget does not say EXHAUSTED");
  await shot(page, "usage");
  step("usage-checked");

  // Readable (WCAG contrast) on a laptop, and nothing scrolls sideways on a 390-px phone.
  const problems = (await contrastOffenders(page)).map((offender) => `contrast ${offender}`);
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(`${baseUrl}/usage`);
  await phone.waitForTimeout(300);
  const width = await scrollWidth(phone);
  if (width > 390) problems.push(`${width} px wide on a 390-px phone`);
  await shot(phone, "phone-usage");
  check(problems.length === 0, `${problems.length} problems: ${problems.join(" | ")}`);
  step("page-checked");
} catch (error) {
  await shot(page, "failure").catch(() => {});
  step(`fail: ${String(error.message).split("\n")[0]}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
