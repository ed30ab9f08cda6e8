// What every browser test starts with: Debian's chromium (or $CHROMIUM) through playwright-core, one desktop-sized page
// whose page errors and console errors are collected, and the check/step helpers the scripts report with.
import { chromium } from "playwright-core";

export async function openBrowser() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()}`); });
  return { browser, page, errors };
}

export const check = (condition, message) => { if (!condition) { throw new Error(message); } };
export const step = (name) => console.log(`- ${name}`);
