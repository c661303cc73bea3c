// A refund above an agent's limit waits for a manager, who approves it from
// the ticket page; the approval queue then has nothing left.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { adminTokens, api as call, artifacts, base, launch, watchedPage } from "./support.mjs";

let browser;
let page;
let problems;
let ticket;
let requested;
const password = "approval-password-1";
const shot = (name) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

async function signIn(email) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(response.status, 200, `${email} signs in`);
  return response.json();
}

before(async () => {
  const admin = await adminTokens();
  const stamp = Date.now();
  for (const role of ["agent", "manager"]) {
    await call(admin, "/users", {
      method: "POST",
      body: JSON.stringify({ email: `${role}-${stamp}@approvals.kehu`, name: `审批${role}`, password, role }),
    });
  }
  const agent = await signIn(`agent-${stamp}@approvals.kehu`);
  const customer = await call(agent, "/customers", { method: "POST", body: JSON.stringify({ kind: "person", name: "退款客户" }) });
  ticket = await call(agent, "/tickets", {
    method: "POST",
    body: JSON.stringify({ customer_id: customer.id, type: "complaint", subject: "商品破损要求退款" }),
  });
  requested = await call(agent, `/tickets/${ticket.id}/compensations`, {
    method: "POST",
    body: JSON.stringify({ kind: "refund", amount: 50000, currency: "CNY", reason: "整单退款" }),
  });
  assert.equal(requested.status, "requested", "¥500.00 is above an agent's ¥200.00");
  const manager = await signIn(`manager-${stamp}@approvals.kehu`);
  browser = await launch();
  ({ page, problems } = await watchedPage(browser, {
    signedInAs: manager,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 900 },
  }));
});

after(async () => {
  await browser?.close();
  assert.deepEqual(problems, [], "no console errors or failed requests on the way");
});

test("the manager finds the request in the approval queue", async () => {
  await page.goto(`${base}/tickets`);
  await page.getByTestId("approvals-link").click();
  await page.waitForURL(/\/tickets\/approvals$/);
  const entry = page.getByTestId("approval").filter({ hasText: "整单退款" });
  await entry.waitFor();
  assert.match(await entry.textContent(), /¥500\.00/);
  assert.match(await entry.textContent(), /超出单笔额度/);
  await shot("approvals-queue");
});

test("the manager approves it from the ticket page with a reason", async () => {
  await page.goto(`${base}/tickets/${ticket.id}`);
  const list = page.getByTestId("compensations");
  await list.getByText("待审批").waitFor();
  await list.getByTestId("approve-compensation").click();
  // Without a reason the server refuses, and the field says why.
  await list.locator(".field-error").filter({ hasText: "必填" }).waitFor();
  // That refusal was provoked: the browser logs the 422 the server answered with.
  const refused = problems.findIndex((text) => /status of 422\b/.test(text));
  assert.ok(refused >= 0, problems.join("\n"));
  problems.splice(refused, 1);
  await list.getByTestId("decision-reason").fill("损失属实，同意退款");
  await list.getByTestId("approve-compensation").click();
  await list.locator("[data-status=approved]").waitFor();
  assert.equal(await list.getByTestId("approve-compensation").count(), 0, "a decided compensation offers no decision");
  assert.match(await list.textContent(), /损失属实，同意退款/);
  await shot("approvals-ticket-approved");
  await page.goto(`${base}/tickets/approvals`);
  await page.getByTestId("approvals-empty").waitFor();
});
