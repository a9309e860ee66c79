// The web UI in a real headless Chromium (Debian's, driven by playwright-core), against a real
// cluster started by tests/scenarios/the_web_ui_greys_a_lost_host_live_and_streams_a_chat.rs.
// Usage: node web_ui_scenario.mjs BASE_URL ARTIFACTS_DIR
// It prints one step marker per line on stdout, waits for "davas-killed" on stdin after
// "ready-to-kill-davas", and prints "fail: …" and exits 1 when a check fails.
import { chromium } from "playwright-core";
import readline from "node:readline";
import { contrastOffenders, scrollWidth } from "./page_checks.mjs";

const [baseUrl, artifacts] = process.argv.slice(2);
const stdinLines = readline.createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => stdinLines.once("line", resolve));
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
  // The dashboard shows davas with gemma4:27b, and its live stream is connected.
  await page.goto(`${baseUrl}/`);
  await page.locator('article.host[data-node="davas"][data-state="ready"]').waitFor();
  const gemmaOnDavas = page.locator('td[data-node="davas"][data-model="gemma4:27b"]');
  const availability = await gemmaOnDavas.getAttribute("data-availability");
  check(["installed", "loaded"].includes(availability), `gemma4:27b on davas is ${availability}`);
  await page.locator('#live-indicator[data-live="open"]').waitFor({ timeout: 5000 });
  await shot(page, "dashboard-ready");
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phone.goto(`${baseUrl}/`);
  await phone.locator('article.host[data-node="davas"]').waitFor();
  await shot(phone, "dashboard-phone");
  await phone.close();

  // davas' agent is killed: its column greys out within 2 s, without a reload.
  await page.evaluate(() => { window.stillTheSamePage = true; });
  step("ready-to-kill-davas");
  await nextLine();
  const killedAt = Date.now();
  await page.locator('article.host[data-node="davas"][data-state="down"]').waitFor({ timeout: 2000 });
  await page.locator('th[data-node="davas"][data-state="down"]').waitFor({ timeout: 2000 });
  const greyedAfterMs = Date.now() - killedAt;
  check(await page.evaluate(() => window.stillTheSamePage === true), "the dashboard reloaded");
  const liveCells = await page.locator('td[data-node="davas"]:not(.state-down)').count();
  check(liveCells === 0, `${liveCells} davas cells are not greyed`);
  const background = (node) => page.locator(`article.host[data-node="${node}"]`)
    .evaluate((card) => getComputedStyle(card).backgroundColor);
  const [downBackground, readyBackground] = [await background("davas"), await background("contabo")];
  check(downBackground !== readyBackground, `davas' card is not greyed (${downBackground})`);
  await shot(page, "dashboard-davas-down");
  step(`greyed-after-ms ${greyedAfterMs}`);

  // Meanwhile the chat picker lists gemma4 disabled, with the reason; qwen can be picked.
  await page.goto(`${baseUrl}/chat`);
  const gemma = page.locator('#model option[value="gemma4:27b"]');
  check(await gemma.evaluate((option) => option.disabled), "gemma4:27b can be picked while davas is down");
  const gemmaLabel = await gemma.textContent();
  check(/unavailable: davas: agent down/.test(gemmaLabel), `gemma4 says: ${gemmaLabel}`);
  check(!(await page.locator('#model option[value="qwen2.5:14b"]').evaluate((o) => o.disabled)), "qwen is disabled");
  await shot(page, "chat-picker");

  // A chat with qwen streams tokens into the page as they are generated.
  await page.selectOption("#model", "qwen2.5:14b");
  await page.fill("#message", "Why is the sky blue?");
  await page.click("#send");
  await page.waitForURL(/\/chat\/c[0-9a-f]{19}$/);
  const conversationUrl = page.url();
  const answer = page.locator("li.turn.assistant").last();
  const output = answer.locator(".output");
  await page.waitForFunction((el) => el.textContent.length > 0, await output.elementHandle(), { timeout: 10000 });
  const early = (await output.textContent()).length;
  await page.waitForTimeout(700);
  const later = (await output.textContent()).length;
  check(later > early, `the answer did not grow (${early} then ${later} characters)`);
  check((await answer.getAttribute("data-state")) === "pending", "the answer ended too early to stop");
  check(/running on/.test(await answer.locator(".status").textContent()), "no 'running on NODE' status");
  await shot(page, "chat-streaming");
  step(`tokens-streaming ${early} ${later}`);

  // Stop cancels the job; the page shows it, and the conversation is kept across a reload.
  await answer.getByRole("button", { name: "Stop" }).click();
  const stopped = page.locator('li.turn.assistant[data-state="cancelled"]');
  await stopped.waitFor({ timeout: 5000 });
  check(/qwen2\.5:14b/.test(await stopped.locator(".meta").textContent()), "the stopped answer names no model");
  await shot(page, "chat-stopped");
  await page.reload();
  await page.locator('li.turn.user', { hasText: "Why is the sky blue?" }).waitFor();
  await page.locator('li.turn.assistant[data-state="cancelled"]').waitFor();
  step("chat-stopped");

  // Jobs: a rejection submitted by another client shows with every node's reason.
  await nextLine();
  await page.goto(`${baseUrl}/jobs?state=rejected`);
  const rejectedRow = page.locator("table.jobs tbody tr").first();
  // The row gives the headline; the job's page lists each node's reason.
  const rowReason = await rejectedRow.locator(".row-reason").textContent();
  check(/^no node can run gemma4:27b/.test(rowReason), `the rejected row says: ${rowReason}`);
  await shot(page, "jobs-rejected");
  await rejectedRow.locator("a").first().click();
  await page.locator("ul.rejections li", { hasText: "davas: agent down" }).waitFor();
  const rejectedJobUrl = page.url();
  await shot(page, "job-rejected");

  // The form submits a generate job; its page streams the output; Cancel stops it.
  await page.goto(`${baseUrl}/jobs`);
  await page.locator("details.job-form summary").click();
  await page.selectOption("#model", "qwen2.5:14b");
  await page.fill("#prompt", "Name three blue things.");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/jobs\/[0-9A-Z]+$/);
  const jobUrl = page.url();
  const jobOutput = page.locator("section.job pre.output");
  await page.waitForFunction((el) => el.textContent.length > 20, await jobOutput.elementHandle(), { timeout: 10000 });
  await shot(page, "job-streaming");
  await page.getByRole("button", { name: "Cancel job" }).click();
  await page.locator('section.job .badge[data-state="cancelled"]').waitFor({ timeout: 5000 });
  await shot(page, "job-cancelled");
  await page.goto(`${baseUrl}/jobs`);
  await shot(page, "jobs");
  step("jobs-checked");

  // The schedules page lists the configured briefing schedule, in its zone, with its buttons.
  const schedulesAnswer = await page.goto(`${baseUrl}/schedules`);
  check(schedulesAnswer.status() === 200, `/schedules answered ${schedulesAnswer.status()}`);
  const briefingRow = page.locator('tr.schedule[data-schedule="briefing"]');
  await briefingRow.waitFor({ timeout: 5000 });
  const briefingText = await briefingRow.textContent();
  check(/Europe\/London/.test(briefingText) && /\b(GMT|BST)\b/.test(briefingText), `briefing row: ${briefingText}`);
  check(await briefingRow.locator("button", { hasText: "Run now" }).count() === 1, "no Run now button");
  await shot(page, "schedules");

  // A chat to gemma4 while davas is down is rejected: one headline, one line per node, each
  // reason once, and a link to the recorded rejected job. Three such conversations with long
  // titles also fill the conversation list, which must not widen a phone's page.
  for (const n of [1, 2, 3]) {
    await page.goto(`${baseUrl}/chat`);
    await page.locator('#model option[value="gemma4:27b"]').evaluate((option) => { option.disabled = false; });
    await page.selectOption("#model", "gemma4:27b");
    await page.fill("#message", `Question number ${n} about the long history of the colour of the evening sky`);
    await page.click("#send");
    await page.waitForURL(/\/chat\/c[0-9a-f]{19}$/);
  }
  const rejectedChat = page.locator('li.turn.assistant[data-state="rejected"]').last();
  const headline = (await rejectedChat.locator(".reason").textContent()).trim();
  check(/^no node can run gemma4:27b/.test(headline) && !/davas/.test(headline),
    `the rejection headline repeats the reasons: ${headline}`);
  const nodeLines = await rejectedChat.locator("ul.rejections li").allTextContents();
  check(nodeLines.some((line) => /^davas: agent down/.test(line)), `no line for davas: ${nodeLines}`);
  check(new Set(nodeLines).size === nodeLines.length, `a node's reason is listed twice: ${nodeLines}`);
  const bubbleText = await rejectedChat.textContent();
  check(bubbleText.split("agent down").length === 2, `davas' reason is shown more than once: ${bubbleText}`);
  check(await rejectedChat.locator('a[href^="/jobs/"]').count() > 0, "the rejection links no recorded job");
  await shot(page, "chat-rejected");

  // On a phone the jobs table shows each job's state without scrolling.
  const phoneJobs = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await phoneJobs.goto(`${baseUrl}/jobs`);
  const stateBox = await phoneJobs.locator("table.jobs tbody tr .badge").first().boundingBox();
  check(stateBox && stateBox.x + stateBox.width <= 390, `a job's state is off a phone's screen at x=${stateBox?.x}`);
  const totals = await phoneJobs.locator("table.jobs tbody td:nth-last-child(-n+2)").evaluateAll((cells) => cells
    .filter((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
    })
    .map((cell) => cell.textContent));
  check(totals.length === 0, `a total breaks across lines: ${totals}`);
  await phoneJobs.close();

  // Every page, with davas still down: readable (WCAG contrast) on a laptop, and nothing
  // scrolls sideways on a 390-px phone.
  const phone390 = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  const problems = [];
  const pages = { dashboard: `${baseUrl}/`, jobs: `${baseUrl}/jobs`, job: jobUrl, chat: `${baseUrl}/chat`,
    conversation: conversationUrl, "rejected job": rejectedJobUrl, schedules: `${baseUrl}/schedules`,
    schedule: `${baseUrl}/schedules/briefing` };
  for (const [name, url] of Object.entries(pages)) {
    await page.goto(url);
    await page.waitForTimeout(300);
    for (const offender of await contrastOffenders(page)) problems.push(`${name}: contrast ${offender}`);
    await phone390.goto(url);
    await phone390.waitForTimeout(300);
    const width = await scrollWidth(phone390);
    if (width > 390) problems.push(`${name}: ${width} px wide on a 390-px phone`);
    await shot(phone390, `phone-${name.replace(" ", "-")}`);
  }
  check(problems.length === 0, `${problems.length} problems: ${problems.join(" | ")}`);
  step("pages-checked");
} catch (error) {
  await shot(page, "failure").catch(() => {});
  step(`fail: ${String(error.message).split("\n")[0]}`);
  process.exitCode = 1;
} finally {
  stdinLines.close();
  process.stdin.destroy();
  await browser.close();
}
