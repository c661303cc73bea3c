// Every route of the staff app's route table (read from frontend/src/app.rs,
// so a new route is visited without editing this file), each opened from a
// cold start — a new browser context with an empty cache and storage —
// signed out, and signed in as an admin, a manager, an agent and a viewer;
// then every route of the public help centre (frontend/src/help_app.rs).
// Routes take turns between Chinese in Shanghai and English in New York, so
// both languages and two time zones see every kind of page. A route a role
// may not use says so ("no access"); any blank page, console error, page
// error or failed request fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { adminTokens, api as call, base, launch, watchedPage } from "./support.mjs";

const appSource = readFileSync(new URL("../../frontend/src/app.rs", import.meta.url), "utf8");
const routePaths = [...appSource.matchAll(/path!\("([^"]*)"\)/g)].map((match) => match[1]);
const helpSource = readFileSync(new URL("../../frontend/src/help_app.rs", import.meta.url), "utf8");
const helpPaths = [...helpSource.matchAll(/path!\("([^"]*)"\)/g)].map((match) => match[1]);
// The routes a role may not use, by role: admin pages, and for the read-only
// viewer the pages that create or change records.
const adminOnly = (path) => path.startsWith("/admin/");
const writersOnly = new Set(["/customers/new", "/customers/:id/edit", "/segments/new", "/knowledge/new", "/tickets/new"]);
const refused = {
  admin: () => false,
  manager: adminOnly,
  agent: adminOnly,
  viewer: (path) => adminOnly(path) || writersOnly.has(path),
};

let browser;
let tokens;
const ids = {};
const roleTokens = {};

const api = (path, options) => call(tokens, path, options);

before(async () => {
  tokens = await adminTokens();
  // One real record for each `:id` a route names.
  ids.customers = (await api("/customers?limit=1")).items[0].id;
  ids.tickets = (await api("/tickets?limit=1")).items[0].id;
  ids.knowledge = (await api("/articles?limit=1")).items[0].id;
  ids.segments = (
    await api("/segments", {
      method: "POST",
      body: JSON.stringify({ name: "路由巡检 Route check", shared: true, filter: { op: "and", items: [] } }),
    })
  ).id;
  // One user of each other role, signed in through the API.
  const password = "route-check-password-1";
  const stamp = Date.now();
  roleTokens.admin = tokens;
  for (const role of ["manager", "agent", "viewer"]) {
    const email = `${role}-${stamp}@routes.kehu`;
    await api("/users", { method: "POST", body: JSON.stringify({ email, name: `巡检 ${role}`, password, role }) });
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(login.status, 200, `${role} signs in`);
    roleTokens[role] = await login.json();
  }
  ids.help = (await api("/articles?status=published&visibility=public&limit=1")).items[0]?.id;
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/// The route with each `:id` replaced by a real record of its area.
function concrete(path) {
  return path.replace(/^\/(\w+)(.*):id/, (_, area, middle) => {
    if (area === "help") return `/help${middle}${ids.help}`;
    assert.ok(ids[area], `no record for the :id of ${path}; add one in before()`);
    return `/${area}${middle}${ids[area]}`;
  });
}

/// Open `path` in a fresh context and collect everything that went wrong.
async function visit(path, { signedIn, locale, timezoneId }) {
  const watched = await watchedPage(browser, { locale, timezoneId, signedInAs: signedIn || undefined });
  await watched.page.goto(`${base}${path}`);
  return watched;
}

const settings = [
  { locale: "zh-CN", timezoneId: "Asia/Shanghai", signIn: "登录" },
  { locale: "en-US", timezoneId: "America/New_York", signIn: "Sign in" },
];

test("signed out, every route leads to sign-in and back", async () => {
  assert.ok(routePaths.includes("/") && routePaths.length > 20, `route table read: ${routePaths.join(" ")}`);
  const routes = [...routePaths, "/no-such-page"];
  for (const [index, route] of routes.entries()) {
    const path = concrete(route);
    const setting = settings[index % settings.length];
    const { context, page, problems } = await visit(path, { signedIn: false, ...setting });
    if (route !== "/login") {
      await page.waitForURL(/\/login\?next=/);
      assert.equal(new URL(page.url()).searchParams.get("next"), path, `${path}: sign-in returns here`);
    }
    await page.getByRole("button", { name: setting.signIn }).waitFor();
    await page.waitForLoadState("networkidle");
    await context.close();
    assert.deepEqual(problems, [], `${path} signed out (${setting.locale})`);
  }
});

for (const role of ["admin", "manager", "agent", "viewer"]) {
  test(`signed in as ${role}, every route renders its page in the shell or says it is not for this role`, async () => {
    const routes = [...routePaths.filter((path) => path !== "/login"), "/no-such-page"];
    for (const [index, route] of routes.entries()) {
      const path = concrete(route);
      const setting = settings[(index + 1) % settings.length];
      const { context, page, problems } = await visit(path, { signedIn: roleTokens[role], ...setting });
      await page.locator("header.topbar").waitFor();
      await page.waitForLoadState("networkidle");
      assert.ok(!page.url().includes("/login"), `${path}: stayed signed in`);
      const notFound = await page.getByTestId("not-found").count();
      assert.equal(notFound, route === "/no-such-page" ? 1 : 0, `${path}: the not-found page only where no route is`);
      const noAccess = await page.getByTestId("no-access").isVisible();
      assert.equal(noAccess, refused[role](route), `${path} as ${role}: "no access" exactly where the role may not go`);
      const text = (await page.locator("main.page").innerText()).trim();
      assert.ok(text.length > 0, `${path}: the page shows something`);
      await context.close();
      assert.deepEqual(problems, [], `${path} signed in as ${role} (${setting.locale})`);
    }
  });
}

test("every route of the help centre opens for a signed-out customer", async () => {
  assert.ok(helpPaths.length >= 3 && ids.help, `help routes read: ${helpPaths.join(" ")}`);
  for (const [index, route] of helpPaths.entries()) {
    const path = concrete(route);
    const setting = settings[index % settings.length];
    const { context, page, problems } = await visit(path, { signedIn: false, ...setting });
    await page.waitForLoadState("networkidle");
    assert.ok(!page.url().includes("/login"), `${path}: customers are never sent to sign in`);
    const text = (await page.locator("body").innerText()).trim();
    assert.ok(text.length > 0, `${path}: the page shows something`);
    await context.close();
    assert.deepEqual(problems, [], `${path} signed out (${setting.locale})`);
  }
});
