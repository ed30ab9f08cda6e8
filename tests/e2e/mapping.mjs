// Browser test of the upload's column-mapping step (Debian's chromium, driven by playwright-core).
// Usage: node mapping.mjs BASE_URL DATA_FILE SCREENSHOT_DIR
// DATA_FILE has column names no synonym knows. The user uploads it, is shown the file's first rows and a list of its
// columns for each role, picks them, imports, and gets a result (the import message, the file in the imports list, an
// RFM grid in the explorer). Exits non-zero with a message on failure.
import { openBrowser, check, step } from "./browser.mjs";

const [base, dataFile, shots] = process.argv.slice(2);
const { browser, page, errors } = await openBrowser();

try {
  step("upload a file with unknown column names");
  await page.goto(`${base}/data`);
  await page.setInputFiles("#upload-file", dataFile);
  await Promise.all([page.waitForURL(/\/data\?upload=[0-9a-f]{32}/, { timeout: 60_000 }), page.click("#upload-button")]);

  step("the mapping step lists the file's own columns");
  const text = await page.textContent("#mapping-step");
  check(text.includes("did not find: customer, date"), `the step should say which roles are missing, got: ${text.slice(0, 300)}`);
  const options = await page.locator("#map-date option").allTextContents();
  check(options.includes("Kaufdatum") && options.includes("Kundennummer"), `the date list should offer the file's columns, got ${options.join(" | ")}`);
  check(await page.locator("#mapping-preview tbody tr").count() === 5, "the first 5 rows should be shown");
  if (shots) { await page.screenshot({ path: `${shots}/dashboard-mapping.png`, fullPage: true }); }

  step("pick the columns and import");
  await page.selectOption("#map-customer", "Kundennummer");
  await page.selectOption("#map-date", "Kaufdatum");
  await page.selectOption("#map-quantity", "Menge");
  await page.selectOption("#map-unitprice", "Einzelpreis");
  await page.selectOption("#map-invoice", "Beleg");
  await page.selectOption("#map-product", "Artikel");
  await Promise.all([page.waitForURL(/\/data\?job=/, { timeout: 300_000 }), page.click("#mapping-button")]);
  const message = await page.textContent("#upload-message");
  check(/kassenbuch\.csv: [\d,]+ lines read/.test(message), `the import should report the lines read, got: ${message}`);
  check((await page.textContent("#imports")).includes("kassenbuch.csv"), "the imports list should name the file");

  step("the result is explorable");
  await page.goto(`${base}/explore`);
  check(await page.locator("#rfm-grid td b").count() > 0, "the R × F grid should show counts");
  check(errors.length === 0, `the browser reported errors:\n${errors.join("\n")}`);
  console.log("ok");
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  if (errors.length) { console.error(errors.join("\n")); }
  process.exitCode = 1;
} finally {
  await browser.close();
}
