// End-to-end test of the dashboard in a real browser (Debian's chromium, driven by playwright-core).
// Usage: node dashboard.mjs BASE_URL DATA_FILE SCREENSHOT_DIR
// Walks what a user does: open the overview, upload the shared data (a background job with progress), switch to 5
// segments, see the scatter and the profile table update, explore a segment's customers down to one customer, find
// products by words, check every page at 390 px, look up customer 12347 and see recommendations. Exits non-zero with a message on failure.
import { openBrowser, check, step } from "./browser.mjs";

const [base, dataFile, shots] = process.argv.slice(2);
const { browser, page, errors } = await openBrowser();

try {
  step("overview of an empty database");
  await page.goto(`${base}/`);
  check((await page.textContent("main")).includes("no exploration yet"), "the empty overview should say what to do");

  step("upload the shared data");
  await page.goto(`${base}/data`);
  await page.setInputFiles("#upload-file", dataFile);
  await page.click("#upload-button");
  check(await page.isDisabled("#upload-button"), "the upload button should be disabled while the job runs");
  await page.waitForFunction(() => /Uploading|Loading|Importing|Cleaning|Running|Waiting|Starting|\(\d+ s\)/.test(document.getElementById("upload-status").textContent), null, { timeout: 60_000 });
  console.log(`  progress shown: ${await page.textContent("#upload-status")}`);
  await page.waitForURL(/\/data\?job=/, { timeout: 300_000 });
  check((await page.textContent("#upload-message")).includes("541,909 lines read"), "the upload message should count the lines read");
  check((await page.textContent("#imports")).includes("online-retail.csv.gz"), "the imported files should list the upload by its name");

  step("overview with charts");
  await page.goto(`${base}/`);
  await page.waitForSelector("#chart-1[data-drawn=true]", { timeout: 30_000 });
  check((await page.textContent("#kpis")).includes("Customers"), "the KPIs should be shown");
  if (shots) { await page.screenshot({ path: `${shots}/dashboard-overview.png`, fullPage: false }); }

  step("re-run with 5 segments");
  await page.goto(`${base}/segments`);
  await page.fill("#k-input", "5");
  const started = Date.now();
  await page.click("#run-button");
  check(await page.isDisabled("#run-button"), "the re-run button should be disabled while the job runs");
  await page.waitForURL(/\/segments\?job=/, { timeout: 180_000 });
  await page.waitForSelector("div.chart[data-name=scatter][data-drawn=true]", { timeout: 30_000 });
  const roundTrip = Date.now() - started;
  check((await page.textContent("#run-message")).includes("5 segments"), "the page should confirm 5 segments");
  // 5 clusters, plus the key accounts set apart outside them (issue 12) when the data has any.
  const names = await page.evaluate(() => document.querySelector("div.chart[data-name=scatter]").data.map(t => t.name));
  const keyAccounts = names.filter(n => n.includes("Key accounts")).length;
  check(names.length - keyAccounts === 5 && keyAccounts <= 1, `the scatter should have 5 segments (and at most one key-accounts group), found ${names.join(" | ")}`);
  const rows = await page.locator("#profiles tbody tr").count();
  check(rows === 5 + keyAccounts, `the profile table should have ${5 + keyAccounts} rows, found ${rows}`);
  console.log(`  re-segmentation round trip ${roundTrip} ms`);
  if (shots) { await page.screenshot({ path: `${shots}/dashboard-segments.png`, fullPage: true }); }

  step("explorer: segment → customers → customer");
  await page.goto(`${base}/explore`);
  check(await page.locator("#rfm-grid td b").count() > 0, "the R × F grid should show counts");
  const clickStarted = Date.now();
  await Promise.all([page.waitForURL(/\/explore\/rfm\/\d+/), page.click("#rfm-segments a >> text=Champions")]);
  console.log(`  click to segment customers ${Date.now() - clickStarted} ms`);
  const total = await page.textContent("#member-count");
  await page.selectOption("#filter-country", "Germany");
  await Promise.all([page.waitForURL(/country=Germany/), page.click("#filter-apply")]);
  check((await page.textContent("#member-count")) !== total, "filtering by country should change the count");
  const countries = await page.locator("#members tbody tr td:nth-child(2)").allTextContents();
  check(countries.length > 0 && countries.every(c => c === "Germany"), `every listed customer should be in Germany, got ${countries.join(",")}`);
  const csv = await page.getAttribute("#member-export", "href");
  check(csv.includes("customers.csv") && csv.includes("country=Germany"), "the export should keep the filters");
  const first = await page.textContent("#members tbody tr td a");
  await Promise.all([page.waitForURL(/\/customers\?id=/), page.click("#members tbody tr td a")]);
  check((await page.textContent("h2")).includes(first), "the customer page should show the customer clicked");

  step("products found by words, case-insensitive");
  await page.goto(`${base}/products?product=heart`);
  check(await page.locator("#product-matches tbody tr").count() > 0, "'heart' should find products");
  await page.goto(`${base}/products?product=85123a`);
  check((await page.textContent("main")).includes("Bought together with 85123A"), "85123a should find 85123A");

  step("every page fits a 390 px phone");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/", "/data", "/cohorts", "/segments", "/clv", "/categories", "/explore", "/customers?id=12347", "/products"]) {
    await page.goto(`${base}${path}`);
    await page.waitForTimeout(300);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `${path} scrolls sideways at 390 px (page is ${width} px wide)`);
    // Heatmaps (segment profiles, P(alive) by R x F, cohorts, categories): labels of one axis never overlap, and the
    // cells keep most of the width (long row labels must not squeeze them).
    await page.waitForFunction(() => [...document.querySelectorAll("div.chart[data-spec]")].every(c => c.getAttribute("data-drawn") === "true"), null, { timeout: 30000 });
    const heatmaps = await page.evaluate(() => [...document.querySelectorAll("div.chart[data-spec]")]
      .filter(c => (c.data || []).some(t => t.type === "heatmap"))
      .map(c => {
        const boxes = selector => [...c.querySelectorAll(selector)].map(t => t.getBoundingClientRect()).filter(b => b.width > 0);
        const overlaps = list => list.some((a, i) => list.slice(i + 1).some(b => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
        const plot = c.querySelector(".nsewdrag").getBoundingClientRect();
        return { id: c.id, x: overlaps(boxes(".xtick text")), y: overlaps(boxes(".ytick text")), plot: Math.round(plot.width), card: Math.round(c.getBoundingClientRect().width) };
      }));
    for (const h of heatmaps) {
      check(!h.x && !h.y, `${path} ${h.id}: heatmap axis labels overlap at 390 px (x ${h.x}, y ${h.y})`);
      check(h.plot >= 0.5 * h.card, `${path} ${h.id}: heatmap cells get ${h.plot} of ${h.card} px at 390 px`);
    }
    if (path === "/clv") { check(heatmaps.length > 0, "the Lifetime value page should draw the P(alive) heatmap"); }
  }
  if (shots) { await page.goto(`${base}/`); await page.waitForSelector("#chart-1[data-drawn=true]"); await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true }); }
  await page.setViewportSize({ width: 1280, height: 900 });

  step("customer 12347 with recommendations");
  await page.goto(`${base}/customers`);
  await page.fill("#customer-id", "12347");
  await Promise.all([page.waitForURL(/id=12347/), page.click("#customer-lookup")]);
  const recommendations = await page.locator("#customer-recommendations tbody tr").count();
  check(recommendations > 0, "customer 12347 should have recommendations");
  check(errors.length === 0, `the browser reported errors:\n${errors.join("\n")}`);
  console.log("ok");
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  if (errors.length) { console.error(errors.join("\n")); }
  process.exitCode = 1;
} finally {
  await browser.close();
}
