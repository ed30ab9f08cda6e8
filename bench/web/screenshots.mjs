// Screenshots of every dashboard page at 1280 px and 390 px wide, for a visual review of the charts (issue 18).
// Usage: node bench/web/screenshots.mjs BASE_URL OUT_DIR   (bench/web/screenshots.sh starts a server and calls this)
// Uses playwright-core from tests/e2e (npm install --prefix tests/e2e) and Debian's chromium. Besides the images, it
// prints what a machine can see: pages wider than the screen, charts whose plot is wider than their card, chart
// titles or legends that overlap, and console errors.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";

const require = createRequire(new URL("../../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const [base, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const pages = [
  ["overview", "/"], ["data", "/data"], ["cohorts", "/cohorts"], ["segments", "/segments"], ["explore", "/explore"],
  ["explore-segment", "/explore/rfm/0"], ["explore-cell", "/explore/cell/5/5"], ["customer", "/customers?id=12347"],
  ["products", "/products?product=85123A"], ["categories", "/categories"], ["clv", "/clv"],
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
let problems = 0;
for (const width of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); } });
  for (const [name, path] of pages) {
    errors.length = 0;
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => [...document.querySelectorAll("div.chart")].every((c) => c.getAttribute("data-drawn") === "true"), null, { timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(300);
    const findings = await page.evaluate(() => {
      const found = [];
      const pageWidth = document.documentElement.scrollWidth;
      if (pageWidth > window.innerWidth) { found.push(`page is ${pageWidth} px wide on a ${window.innerWidth} px screen`); }
      document.querySelectorAll("div.chart").forEach((chart) => {
        const name = chart.getAttribute("data-name");
        const svg = chart.querySelector("svg.main-svg");
        if (svg && svg.getBoundingClientRect().width > chart.clientWidth + 1) { found.push(`chart ${name}: plot ${Math.round(svg.getBoundingClientRect().width)} px in a ${chart.clientWidth} px card`); }
        const boxes = [...chart.querySelectorAll(".gtitle, .legend, .g-xtitle, .g-ytitle, .g-y2title")].map((e) => [e.getAttribute("class"), e.getBoundingClientRect()]);
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, ra] = boxes[i], [b, rb] = boxes[j];
            const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 2 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 2;
            if (overlap && ra.width > 0 && rb.width > 0) { found.push(`chart ${name}: ${a} overlaps ${b}`); }
          }
        }
        const title = chart.querySelector(".gtitle");
        if (title && title.getBoundingClientRect().width > chart.clientWidth) { found.push(`chart ${name}: title wider than the card`); }
      });
      return found;
    });
    for (const e of errors) { findings.push(`console: ${e}`); }
    problems += findings.length;
    console.log(`${width}px ${path}: ${findings.length === 0 ? "ok" : findings.join("; ")}`);
    await page.screenshot({ path: `${out}/${name}-${width}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
console.log(problems === 0 ? "no findings" : `${problems} finding(s)`);
