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
import { adminTokens, api as call, base, concrete as concreteIn, launch, recordIds, routesOf, watchedPage } from "./support.mjs";

const routePaths = routesOf("../../frontend/src/app.rs");
const helpPaths = routesOf("../../frontend/src/help_app.rs");
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
let ids;
const roleTokens = {};

const api = (path, options) => call(tokens, path, options);

before(async () => {
  tokens = await adminTokens();
  // One real record for each `:id` a route names.
  ids = await recordIds(tokens, "路由巡检 Route check");
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
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const concrete = (path) => concreteIn(path, ids);

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
