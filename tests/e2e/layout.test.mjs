// Every route of the staff app at the widths of a small laptop (1024 px) and
// a common office screen (1280 px), in both languages: the page never
// scrolls sideways, and no item of the top bar wraps onto two lines or is
// cut off.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { adminTokens, base, concrete as concreteIn, launch, recordIds, routesOf, watchedPage } from "./support.mjs";

const routePaths = routesOf("../../frontend/src/app.rs").filter((p) => p !== "/login");

let browser;
let tokens;
let ids;

before(async () => {
  tokens = await adminTokens();
  ids = await recordIds(tokens, "版面巡检 Layout check");
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const concrete = (path) => concreteIn(path, ids);

/// What overflows on the page as it is now: the page itself, and each top
/// bar item that takes two lines or is wider than its box.
function overflowIn() {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`page ${root.scrollWidth}px wide in ${root.clientWidth}px`);
  for (const item of document.querySelectorAll(".topbar a, .topbar button")) {
    const text = item.textContent.trim();
    if (!text) continue;
    // A run of text that the browser broke over two lines has two boxes.
    const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length > 1) problems.push(`"${text}" wraps`);
    }
    if (item.scrollWidth > item.clientWidth + 1) problems.push(`"${text}" is cut`);
  }
  return problems;
}

for (const width of [1024, 1280]) {
  for (const locale of ["zh-CN", "en-US"]) {
    test(`at ${width} px in ${locale}, no route scrolls sideways and the top bar keeps every item whole`, async () => {
      const { context, page, problems } = await watchedPage(browser, {
        signedInAs: tokens,
        locale,
        viewport: { width, height: 800 },
      });
      const found = [];
      for (const route of routePaths) {
        await page.goto(`${base}${concrete(route)}`);
        await page.locator("header.topbar").waitFor();
        await page.waitForLoadState("networkidle");
        for (const problem of await page.evaluate(overflowIn)) found.push(`${route}: ${problem}`);
      }
      await context.close();
      assert.deepEqual(found, [], `overflow at ${width} px in ${locale}`);
      assert.deepEqual(problems, [], "no console errors");
    });
  }
}
