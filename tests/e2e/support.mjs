// What the browser test files share: the server's address and admin account
// (from scripts/e2e), Chromium launched as this machine allows, API calls as
// the admin, and a page that records every console error and failed request.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";

export const base = process.env.KEHU_E2E_URL;
export const adminEmail = process.env.KEHU_E2E_EMAIL;
export const adminPassword = process.env.KEHU_E2E_PASSWORD;
export const artifacts = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

export function launch() {
  assert.ok(base && adminEmail && adminPassword, "run through scripts/e2e");
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/// The admin's token pair, signed in through the API.
export async function adminTokens() {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  assert.equal(login.status, 200, "the admin signs in");
  return login.json();
}

/// `path` of the API as the holder of `tokens`; fails on anything but 2xx.
export async function api(tokens, path, options = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    ...options,
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.access_token}`, ...options.headers },
  });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? null : response.json();
}

/// A page of a new context that collects console errors, page errors,
/// failed requests and 5xx answers into `problems`.
export async function watchedPage(browser, options = {}) {
  const { signedInAs, ...contextOptions } = options;
  const context = await browser.newContext(contextOptions);
  if (signedInAs) {
    await context.addInitScript((saved) => localStorage.setItem("kehu.tokens", saved), JSON.stringify(signedInAs));
  }
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()} (on ${page.url()})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  });
  return { context, page, problems };
}

/// Every route path of the web app whose route table is in `file`
/// (relative to this folder), read from its `path!("…")` entries.
export function routesOf(file) {
  const source = readFileSync(new URL(file, import.meta.url), "utf8");
  return [...source.matchAll(/path!\("([^"]*)"\)/g)].map((match) => match[1]);
}

/// One real record for each `:id` a staff route names, read or made through
/// the API as the holder of `tokens`; the shared segment is named `segmentName`.
export async function recordIds(tokens, segmentName) {
  const get = (path, options) => api(tokens, path, options);
  return {
    customers: (await get("/customers?limit=1")).items[0].id,
    tickets: (await get("/tickets?limit=1")).items[0].id,
    knowledge: (await get("/articles?limit=1")).items[0].id,
    help: (await get("/articles?status=published&visibility=public&limit=1")).items[0]?.id,
    segments: (
      await get("/segments", {
        method: "POST",
        body: JSON.stringify({ name: segmentName, shared: true, filter: { op: "and", items: [] } }),
      })
    ).id,
  };
}

/// `path` with its `:id` replaced by the record of its area in `ids`.
export function concrete(path, ids) {
  return path.replace(/^\/(\w+)(.*):id/, (_, area, middle) => {
    assert.ok(ids[area], `no record for the :id of ${path}`);
    return `/${area}${middle}${ids[area]}`;
  });
}
