// Browser end-to-end tests: the real kehu binary serving the built web app on a
// fresh database, driven in Chromium. scripts/e2e starts the server and passes
// its address and the admin credentials in the environment. A screenshot of
// every page visited is saved under artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const base = process.env.KEHU_E2E_URL;
const adminEmail = process.env.KEHU_E2E_EMAIL;
const adminPassword = process.env.KEHU_E2E_PASSWORD;
const artifacts = new URL("./artifacts/", import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

const viewerEmail = "viewer@e2e.kehu";
const viewerPassword = "viewer-password-1";

let browser;
let page;
const consoleErrors = [];

async function adminToken() {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: adminEmail, password: adminPassword }),
  });
  return (await login.json()).access_token;
}

// A read-only account, created through the API as an integrator would.
async function createViewer() {
  const access_token = await adminToken();
  const created = await fetch(`${base}/api/v1/users`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ email: viewerEmail, name: "只读用户", password: viewerPassword, role: "viewer" }),
  });
  assert.equal(created.status, 201);
}

// A complaint under a one-minute first-response policy, opened before the
// other tests run, so that by the late SLA test the background runner has
// breached and escalated it on its own.
let breachingNumber;
async function openBreachingTicket() {
  const token = await adminToken();
  const call = async (path, body) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, `${path}: ${await response.clone().text()}`);
    return response.json();
  };
  await call("/sla-policies", {
    name: "一分钟演示 One-minute demo", position: 0, match_priorities: ["low"], match_types: ["complaint"],
    first_response_minutes: 1, resolution_minutes: 600, escalate_on_breach: true,
  });
  const customer = await call("/customers", { kind: "person", name: "超时客户" });
  const ticket = await call("/tickets", {
    customer_id: customer.id, type: "complaint", priority: "low", subject: "无人回复的投诉",
  });
  breachingNumber = ticket.number;
}

before(async () => {
  assert.ok(base && adminEmail && adminPassword, "run through scripts/e2e");
  await createViewer();
  await openBreachingTicket();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (on ${page.url()})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
});

after(async () => {
  await browser?.close();
});

const shot = (name) => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });

test("a signed-out visitor is sent to sign-in and shown plain errors", async () => {
  await page.goto(`${base}/customers?q=x`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel("邮箱").fill(adminEmail);
  await page.getByLabel("密码").fill("wrong password!");
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("login-error").waitFor();
  assert.equal(await page.getByTestId("login-error").textContent(), "邮箱或密码错误。");
  await shot("01-sign-in-error");
});

test("signing in shows the demo customers, then returns to where the user was", async () => {
  const started = Date.now();
  await page.getByLabel("邮箱").fill(adminEmail);
  await page.getByLabel("密码").fill(adminPassword);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/customers\?q=x/);
  // A full page load (HTML, JS, wasm, the API call, the render) with a session.
  const navigation = Date.now();
  await page.goto(`${base}/customers`);
  await page.getByTestId("customer-table").waitFor();
  console.log(`navigation to first customer list render: ${Date.now() - navigation} ms`);
  const rows = await page.locator("[data-testid=customer-table] tbody tr").count();
  assert.equal(rows, 50, "the first page holds 50 of the demo customers");
  console.log(`first customer list render after sign-in: ${Date.now() - started} ms`);
  await shot("02-customer-list");
});

test("searching 明华 finds only matching customers and the URL keeps the search", async () => {
  await page.getByTestId("customer-search").fill("明华");
  await page.waitForURL(/q=%E6%98%8E%E5%8D%8E/);
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll("[data-testid=customer-table] tbody tr td:first-child")];
    return names.length > 0 && names.every((cell) => cell.textContent.includes("明华"));
  });
  await shot("03-search-minghua");
  await page.getByTestId("customer-search").fill("不存在的客户zzz");
  await page.getByTestId("empty-state").waitFor();
  await shot("04-search-empty");
});

test("the stage filter narrows the list and is in the URL", async () => {
  await page.goto(`${base}/customers?stage=loyal`);
  await page.getByTestId("customer-table").waitFor();
  const badges = await page.locator("[data-testid=customer-table] .badge").allTextContents();
  assert.ok(badges.length > 0);
  assert.ok(badges.every((text) => text === "忠诚客户"), badges.join(","));
  await shot("05-stage-filter");
});

test("a loyal demo customer's page shows their value and latest orders", async () => {
  await page.goto(`${base}/customers?stage=loyal`);
  await page.locator("[data-testid=customer-table] tbody tr a").first().click();
  await page.getByTestId("value-orders").waitFor();
  const orders = Number(await page.getByTestId("value-orders").textContent());
  assert.ok(orders >= 5, `a loyal customer has bought often: ${orders}`);
  assert.match(await page.getByTestId("value-spent").textContent(), /^¥[\d,]+\.\d{2}$/, "yuan, written the Chinese way");
  await page.getByTestId("timeline").locator("[data-testid=timeline-order]").first().waitFor();
  // The demo is scored at once: the segment badge and the profit are shown.
  assert.ok((await page.getByTestId("value-rfm").locator(".badge").textContent()).length > 0, "an RFM segment");
  assert.match(await page.getByTestId("value-profit").textContent(), /^-?¥[\d,]+\.\d{2}$/);
  // Their orders earned points and a tier; a manager or admin adjusts by hand.
  const balance = Number(await page.getByTestId("points-balance").textContent());
  assert.ok(balance > 0, `a loyal customer has points: ${balance}`);
  assert.ok((await page.getByTestId("points-tier").textContent()).length > 0);
  await page.getByTestId("adjust-points").click();
  await page.getByTestId("adjust-points-amount").fill("-999999999");
  await page.getByTestId("adjust-points-reason").fill("核对更正");
  await page.getByTestId("adjust-points-save").click();
  await page.getByTestId("toast").getByText("积分不足").waitFor();
  await page.getByTestId("adjust-points-amount").fill("50");
  await page.getByTestId("adjust-points-save").click();
  await page.waitForFunction((expected) => document.querySelector("[data-testid=points-balance]")?.textContent === String(expected), balance + 50);
  await shot("05c-customer-value");
});

test("an order recorded by hand makes a prospect new and earns points, which are redeemed and taken back by a refund", async () => {
  const token = await adminToken();
  const response = await fetch(`${base}/api/v1/customers`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ kind: "person", name: "到店客户王芳" }),
  });
  assert.equal(response.status, 201);
  const customer = await response.json();
  await page.goto(`${base}/customers/${customer.id}`);
  await page.getByTestId("customer-orders").getByText("暂无订单").waitFor();

  // Two of 西湖龙井 (268.00 each), found by typing part of the name.
  await page.getByTestId("new-order").click();
  await page.getByTestId("order-save").click();
  await page.getByTestId("toast").getByText("请先添加商品").waitFor();
  await page.getByTestId("order-product-search").fill("龙井");
  await page.getByTestId("order-product").filter({ hasText: "西湖龙井" }).click();
  await page.getByTestId("order-product").filter({ hasText: "西湖龙井" }).click();
  assert.equal(await page.getByTestId("order-quantity").inputValue(), "2");
  assert.equal(await page.getByTestId("order-preview-total").textContent(), "¥536.00");
  await shot("05d-new-order");
  await page.getByTestId("order-save").click();
  await page.getByTestId("toast").getByText("订单已录入").waitFor();

  // The first paid order: stage new, value and points follow.
  await page.getByTestId("customer-stage").getByText("新客户").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=value-orders]")?.textContent === "1");
  assert.equal(await page.getByTestId("order-total").textContent(), "¥536.00");
  await page.waitForFunction(() => document.querySelector("[data-testid=points-balance]")?.textContent === "536");

  // Redeeming more than the balance is refused; 36 points are spent.
  await page.getByTestId("redeem-points").click();
  await page.getByTestId("redeem-points-amount").fill("537");
  await page.getByTestId("redeem-points-reason").fill("兑换茶杯");
  await page.getByTestId("redeem-points-save").click();
  await page.getByTestId("toast").getByText("积分不足").waitFor();
  await page.getByTestId("redeem-points-amount").fill("36");
  await page.getByTestId("redeem-points-save").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=points-balance]")?.textContent === "500");

  // Half refunded: half the earned points are taken back.
  await page.getByTestId("refund-order").click();
  await page.getByTestId("refund-amount").fill("268");
  await page.getByTestId("refund-reason").fill("一盒破损");
  await page.getByTestId("refund-save").click();
  await page.getByTestId("toast").getByText("退款已记录").waitFor();
  await page.getByTestId("order-row").getByText("部分退款").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=points-balance]")?.textContent === "232");
  await shot("05e-order-refunded");

  // The list of all orders, filtered by status, leads back to the customer.
  await page.getByTestId("nav-orders").click();
  await page.getByTestId("order-list").waitFor();
  await page.getByTestId("order-status-filter").selectOption("partially_refunded");
  const refunded = page.getByTestId("order-row").filter({ hasText: "西湖龙井 250g × 2" });
  await refunded.first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=order-row] .badge")].every((b) => b.textContent === "部分退款"));
  // Each order names its customer.
  assert.equal(await refunded.first().getByTestId("order-customer").textContent(), customer.name);
  await refunded.first().getByTestId("order-customer").click();
  await page.waitForURL(new RegExp(`/customers/${customer.id}$`));
});

test("a manager's catalogue: a product is added, repriced, taken off sale and found again", async () => {
  const sku = `TEA-GH-${Date.now() % 100000}`;
  await page.goto(`${base}/customers`);
  await page.getByTestId("nav-products").click();
  await page.getByTestId("product-table").waitFor();
  await page.getByTestId("new-product").click();
  await page.getByTestId("product-sku").fill("has space");
  await page.getByTestId("product-name").fill("桂花乌龙 100g");
  await page.getByTestId("product-list_price").fill("88");
  await page.getByTestId("product-save").click();
  await page.getByText("格式不正确").first().waitFor();
  await page.getByTestId("product-sku").fill(sku);
  await page.getByTestId("product-unit_cost").fill("30.5");
  await page.getByTestId("product-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();

  await page.getByTestId("product-search").fill("桂花");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=product-row]").length === 1);
  const row = page.getByTestId("product-row").filter({ hasText: sku });
  assert.match(await row.textContent(), /¥88\.00/);
  await row.getByTestId("edit-product").click();
  assert.equal(await page.getByTestId("product-list_price").inputValue(), "88.00");
  await page.getByTestId("product-list_price").fill("98");
  await page.getByTestId("product-active").uncheck();
  await page.getByTestId("product-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  // Off sale: gone from the list until inactive products are asked for.
  await page.getByTestId("empty-state").waitFor();
  await page.getByTestId("show-inactive").check();
  await row.getByText("已下架").waitFor();
  assert.match(await row.textContent(), /¥98\.00/);
  await shot("18-products");
});

test("filters and sort combine, and each one is kept in the URL", async () => {
  await page.goto(`${base}/customers?stage=loyal`);
  await page.getByTestId("customer-table").waitFor();
  await page.getByTestId("sort").selectOption("name");
  await page.waitForURL(/stage=loyal.*sort=name/);
  await page.getByTestId("tag-filter").fill("VIP");
  await page.getByTestId("tag-filter").press("Enter");
  await page.waitForURL(/stage=loyal&tag=VIP&sort=name/);
  await page.waitForFunction(() => !document.querySelector("[aria-busy=true]"));
  const badges = await page.locator("[data-testid=customer-table] .badge").allTextContents();
  assert.ok(badges.every((text) => text === "忠诚客户"), badges.join(","));
  await shot("05b-filters");
  await page.getByTestId("owner-filter").selectOption({ index: 1 });
  await page.waitForURL(/owner=[0-9a-f-]{36}/);
});

test("creating 李明华 with a mainland mobile: the form checks input like the server", async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId("new-customer").click();
  await page.waitForURL(/\/customers\/new$/);
  await page.getByTestId("name").fill("李明华");
  await page.getByTestId("phones-0").fill("138 0013 8000");
  await page.getByTestId("emails-0").fill("not-an-email");
  await page.getByTestId("save").click();
  await page.getByText("邮箱格式不正确").waitFor();
  // The first faulty field, far above the Save button, is brought into view with the cursor in it.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "emails-0");
  assert.ok(await page.getByTestId("emails-0").evaluate((input) => {
    const box = input.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }), "the faulty field is on screen");
  await shot("08-new-customer-invalid");
  await page.getByTestId("emails-0").fill("li.minghua@example.com");
  await page.getByTestId("save").click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await page.getByTestId("customer-name").waitFor();
  assert.equal(await page.getByTestId("customer-name").textContent(), "李明华");
  await page.getByText("+86 138 0013 8000").waitFor();
  await shot("09-customer-360");
});

test("changing the stage offers only allowed moves, needs a reason, and is in the history", async () => {
  await page.getByTestId("change-stage").click();
  const options = await page.getByTestId("stage-select").locator("option").allTextContents();
  assert.deepEqual(options, ["新客户"], "a prospect can only become new");
  await page.getByTestId("stage-save").click();
  await page.getByText("必填").waitFor();
  await page.getByTestId("stage-reason").fill("首次下单");
  await shot("10-stage-dialog");
  await page.getByTestId("stage-save").click();
  await page.getByTestId("stage-history").getByText("首次下单").waitFor();
  assert.equal(await page.getByTestId("customer-stage").textContent(), "新客户");
  await shot("11-stage-changed");
});

test("an added interaction appears at the top of the timeline", async () => {
  await page.getByTestId("interaction-channel").selectOption("wechat");
  await page.getByTestId("interaction-subject").fill("微信回访");
  await page.getByTestId("interaction-body").fill("客户对产品很满意，计划下月复购。");
  await page.getByTestId("interaction-save").click();
  await page.getByTestId("timeline").getByText("微信回访").waitFor();
  const first = await page.locator("[data-testid=timeline] li").first().textContent();
  assert.ok(first.includes("微信回访") && first.includes("微信"), first);
  await shot("12-timeline");
});

test("editing saves with the version it started from; a stale edit offers to reload", async () => {
  await page.getByTestId("edit-customer").click();
  await page.waitForURL(/\/edit$/);
  const id = page.url().split("/").slice(-2)[0];
  await page.getByLabel("地区").fill("华东");
  await page.getByTestId("save").click();
  await page.waitForURL(new RegExp(`/customers/${id}$`));
  await page.getByText("华东").waitFor();

  // Someone else saves while this form is open.
  await page.getByTestId("edit-customer").click();
  await page.getByLabel("地区").fill("华南");
  const token = await adminToken();
  const current = await fetch(`${base}/api/v1/customers/${id}`, { headers: { authorization: `Bearer ${token}` } });
  const other = await fetch(`${base}/api/v1/customers/${id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "if-match": current.headers.get("etag") },
    body: JSON.stringify({ industry: "零售" }),
  });
  assert.equal(other.status, 200);
  await page.getByTestId("save").click();
  await page.getByTestId("stale-version").waitFor();
  // The banner is far above the Save button: its Reload button takes the focus.
  await page.waitForFunction(() => document.activeElement?.closest("[data-testid=stale-version]") !== null);
  await shot("13-stale-edit");
  await page.getByTestId("stale-version").getByRole("button").click();
  await page.getByTestId("save").click();
  await page.waitForURL(new RegExp(`/customers/${id}$`));
});

test("deleting moves the customer to the trash, and it can be restored", async () => {
  const page360 = page.url();
  await page.getByTestId("delete-customer").click();
  await page.getByText("将此客户移入回收站？可随时恢复。").waitFor();
  await page.getByTestId("delete-confirm").click();
  await page.getByTestId("trash-banner").waitFor();
  // Let the page finish reloading its history and timeline before leaving it.
  await page.waitForLoadState("networkidle");
  await shot("10b-in-trash");
  await page.goto(`${base}/customers?q=${encodeURIComponent("明华")}`);
  await page.getByTestId("customer-table").waitFor();
  assert.ok(!(await page.getByTestId("customer-table").textContent()).includes("+86 138 0013 8000"), "a trashed customer leaves the list");
  await page.goto(page360);
  await page.getByTestId("restore-customer").click();
  await page.getByText("客户已恢复").waitFor();
  await page.waitForFunction(() => !document.querySelector("[data-testid=trash-banner]"));
  await page.waitForLoadState("networkidle");
});

test("the new customer is found by searching 明华", async () => {
  await page.goto(`${base}/customers?q=${encodeURIComponent("明华")}`);
  await page.getByTestId("customer-table").getByText("+86 138 0013 8000").waitFor();
  await shot("14-found-new-customer");
});

test("a new ticket is opened from a customer's page with the customer preset", async () => {
  await page.goto(`${base}/customers?q=%E6%98%8E%E5%8D%8E`);
  await page.locator("[data-testid=customer-table] tbody tr a", { hasText: "李明华" }).first().click();
  await page.getByTestId("customer-new-ticket").click();
  await page.waitForURL(/\/tickets\/new\?customer=/);
  assert.ok((await page.getByTestId("ticket-customer").textContent()).includes("李明华"));
  await page.getByTestId("ticket-save").click();
  await page.getByText("必填").waitFor();
  await page.getByTestId("ticket-subject").fill("咨询增值税发票");
  await page.getByTestId("ticket-channel").selectOption("wechat");
  await page.getByTestId("ticket-save").click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  assert.match((await page.getByTestId("ticket-number").textContent()).trim(), /^T-\d{6}$/);
  assert.equal(await page.getByTestId("ticket-customer-link").textContent(), "李明华");
});

test("a complaint runs from the public help centre through triage, escalation, the customer's answer, resolution and closure", async () => {
  // The customer writes in without an account and is matched to 李明华 by phone.
  await page.goto(`${base}/help`);
  await page.getByTestId("help-contact").click();
  await page.getByTestId("request-type").selectOption("complaint");
  await page.getByTestId("request-name").fill("李明华");
  await page.getByTestId("request-phone").fill("13800138000");
  await page.getByTestId("request-subject").fill("收到的杯子有裂痕");
  await page.getByTestId("request-message").fill("订单里的两个杯子破损，要求换货。");
  await page.getByTestId("request-send").click();
  const number = (await page.getByTestId("request-number").textContent()).trim();
  assert.match(number, /^T-\d{6}$/);
  await page.goto(`${base}/tickets?view=unassigned`);
  await page.getByTestId("ticket-table").getByText(number).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  await page.getByTestId("ticket-subject").getByText("收到的杯子有裂痕").waitFor();
  assert.equal(await page.getByTestId("ticket-customer-link").textContent(), "李明华");
  assert.equal(await page.getByTestId("ticket-status").textContent(), "新建");
  const moves = await page.getByTestId("status-actions").locator("button").allTextContents();
  assert.deepEqual(moves, ["→ 已分类"], "a new ticket can only be triaged");
  await page.getByTestId("sla-policy").getByText("普通 Normal").waitFor();
  await page.getByTestId("sla-first_response").getByText("计时中").waitFor();
  await shot("30-ticket-new");

  const move = async (status, fill) => {
    await page.getByTestId(`move-${status}`).click();
    if (fill) await fill();
    await page.getByTestId("status-save").click();
    await page.getByTestId(`move-${status}`).waitFor({ state: "detached" });
  };
  await page.getByTestId("move-triaged").click();
  await page.getByTestId("status-save").click();
  await page.getByText("必填").waitFor();
  await page.getByTestId("triage-category").selectOption({ index: 1 });
  await page.getByTestId("triage-priority").selectOption("high");
  await shot("31-ticket-triage");
  await page.getByTestId("status-save").click();
  await page.getByTestId("ticket-status").getByText("已分类").waitFor();
  // Triage put it in the first category: its help article is suggested.
  await page.getByTestId("suggested-articles").getByText("收到的商品破损怎么办").waitFor();
  await move("in_progress");
  await page.getByTestId("ticket-status").getByText("处理中").waitFor();
  assert.notEqual(await page.getByTestId("ticket-assignee").textContent(), "未分配", "starting work takes ownership");

  await page.getByTestId("escalate-ticket").click();
  await page.getByTestId("escalation-assignee").selectOption({ index: 1 });
  await page.getByTestId("escalation-reason").fill("客户要求主管处理");
  await page.getByTestId("escalate-save").click();
  await page.getByTestId("ticket-level").getByText("组长").waitFor();

  await page.getByTestId("message-body").fill("您好，已为您安排换货，请提供破损照片。");
  await page.getByTestId("message-send").click();
  await page.getByTestId("event-reply").waitFor();
  await page.getByTestId("sla-first_response").getByText("已达成").waitFor();
  await move("awaiting_customer");
  await page.getByTestId("sla-resolution").getByText("已暂停").waitFor();
  await page.getByTestId("ticket-status").getByText("等待客户").waitFor();
  await page.getByTestId("message-kind-customer_message").click();
  await page.getByTestId("message-body").fill("照片已通过微信发送。");
  await page.getByTestId("message-send").click();
  await page.getByTestId("ticket-status").getByText("处理中").waitFor();
  await move("resolved", () => page.getByTestId("resolution-summary").fill("已换货"));
  await page.getByTestId("ticket-status").getByText("已解决").waitFor();

  await page.getByTestId("move-closed").click();
  await page.getByTestId("status-save").click();
  await page.getByTestId("root-cause").locator("xpath=..").getByText("必填").waitFor();
  await page.getByTestId("root-cause").fill("包装缓冲材料不足");
  await page.getByTestId("status-save").click();
  await page.getByTestId("ticket-status").getByText("已关闭").waitFor();
  assert.equal(await page.getByTestId("message-reply").count(), 0, "a closed ticket only takes internal notes");
  // Wait for the conversation to show the closing, then read it.
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=ticket-events] > li").length >= 11);
  const kinds = await page.locator("[data-testid=ticket-events] > li").evaluateAll((items) => items.map((li) => li.dataset.testid));
  assert.deepEqual(kinds.slice(0, 4), ["event-created", "event-status_changed", "event-status_changed", "event-assigned"]);
  assert.ok(kinds.includes("event-escalated") && kinds.includes("event-customer_message"), kinds.join(","));
  await page.getByTestId("sla-panel").locator("summary").click();
  assert.ok(await page.getByTestId("ledger-pause").count() >= 1 && await page.getByTestId("ledger-resume").count() >= 1);
  await shot("32-ticket-closed");

  await page.getByTestId("ticket-customer-link").click();
  await page.getByTestId("timeline").getByText(number).first().waitFor();
  await page.getByTestId("customer-tickets").getByText(number).waitFor();
  await shot("33-customer-with-ticket");

  await page.getByTestId("nav-tickets").click();
  await page.getByTestId("ticket-table").getByText(number).waitFor();
  await page.getByTestId("view-escalated").click();
  await page.getByTestId("ticket-table").getByText(number).waitFor();
  await page.getByTestId("ticket-search").fill("照片");
  await page.waitForURL(/q=%E7%85%A7%E7%89%87/);
  await page.getByTestId("ticket-table").getByText(number).waitFor();
  await shot("34-ticket-queue");
});

test("a customer writes in through the help centre and the request waits in the unassigned queue", async () => {
  await page.goto(`${base}/help/request`);
  await page.getByTestId("request-send").click();
  await page.getByText("必填").first().waitFor();
  await page.getByTestId("request-type").selectOption("complaint");
  await page.getByTestId("request-name").fill("赵女士");
  await page.getByTestId("request-phone").fill("139 0000 1111");
  await page.getByTestId("request-message").fill("空调安装后漏水，希望尽快上门处理。");
  await page.getByTestId("request-send").click();
  const number = (await page.getByTestId("request-number").textContent()).trim();
  assert.match(number, /^T-\d{6}$/);
  await shot("35-help-request");
  await page.goto(`${base}/tickets?view=unassigned`);
  await page.getByTestId("ticket-table").getByText(number).click();
  await page.getByTestId("ticket-subject").getByText("空调安装后漏水").waitFor();
  await page.getByTestId("sla-policy").getByText("普通 Normal").waitFor();
  await shot("36-web-form-ticket");
});

test("a follow-up task added on a ticket is on the tasks page and can be ticked off", async () => {
  await page.goto(`${base}/tickets`);
  await page.locator("[data-testid=ticket-table] tbody tr a").first().click();
  await page.getByTestId("add-task").waitFor();
  await page.getByTestId("task-save").click();
  await page.getByTestId("add-task").getByText("必填").waitFor();
  await page.getByTestId("task-kind").selectOption("call");
  await page.getByTestId("task-title").fill("明天回电确认处理结果");
  await page.getByTestId("task-save").click();
  await page.getByTestId("follow-ups").getByText("明天回电确认处理结果").waitFor();
  await page.getByTestId("nav-tasks").click();
  const task = page.getByTestId("task").filter({ hasText: "明天回电确认处理结果" });
  await task.waitFor();
  await shot("37-tasks");
  await task.getByTestId("task-done").check();
  await page.getByTestId("toast").getByText("任务已完成").waitFor();
  await page.getByTestId("tasks-done").click();
  await page.getByTestId("task").filter({ hasText: "明天回电确认处理结果" }).waitFor();
});

test("an article is written with a preview, published, and read in the help centre", async () => {
  await page.getByTestId("nav-knowledge").click();
  await page.getByTestId("article-list").waitFor();
  await page.getByTestId("article-search").fill("怎么退款");
  await page.getByTestId("article").first().getByText("如何申请退款，多久到账").waitFor();
  await shot("38-knowledge");
  await page.getByTestId("new-article").click();
  await page.getByTestId("save-article").click();
  await page.getByText("必填").first().waitFor();
  await page.getByTestId("article-title-input").fill("以旧换新活动说明");
  await page.getByTestId("article-visibility").selectOption("public");
  await page.getByTestId("article-body-input").fill("## 活动规则\n\n旧机**折价**抵扣新机货款。<script>alert(1)</script>");
  await page.getByTestId("article-preview").click();
  await page.getByTestId("article-preview-body").locator("strong", { hasText: "折价" }).waitFor();
  assert.equal(await page.getByTestId("article-preview-body").locator("script").count(), 0);
  await shot("39-article-preview");
  await page.getByTestId("save-article").click();
  await page.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
  await page.getByTestId("article-status").getByText("草稿").waitFor();
  await page.getByTestId("publish-article").click();
  await page.getByTestId("article-status").getByText("已发布").waitFor();
  assert.ok((await page.getByTestId("article-body").textContent()).includes("<script>alert(1)</script>"), "raw HTML shows as text");

  await page.goto(`${base}/help`);
  await page.getByTestId("help-articles").waitFor();
  // The help centre is its own small app: customers never load the staff screens.
  assert.equal(await page.locator('link[rel=modulepreload][href^="/help/kehu-help-"]').count(), 1);
  await page.getByTestId("help-search").fill("以旧换新");
  await page.getByTestId("help-article-link").filter({ hasText: "以旧换新活动说明" }).click();
  await page.getByTestId("help-article-body").locator("h2", { hasText: "活动规则" }).waitFor();
  await shot("40-help-article");
  await page.getByTestId("help-contact").click();
  await page.getByTestId("request-send").waitFor();
});

test("a segment is built from nested conditions, counts live, moves with a new order, and is deleted with undo", async () => {
  // A customer of their own, tagged so that the segment finds only them.
  const token = await adminToken();
  const api = async (method, path, body) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body && JSON.stringify(body),
    });
    assert.ok(response.ok, `${path}: ${response.status} ${await response.clone().text()}`);
    return response.json();
  };
  const customer = await api("POST", "/customers", { kind: "person", name: "分群测试客户", tags: ["分群演示"] });
  const count = () => page.getByTestId("segment-count").getAttribute("data-count");
  const countIs = (expected) => page.waitForFunction(
    (n) => document.querySelector("[data-testid=segment-count]:not(.stale)")?.dataset.count === String(n), expected);

  await page.goto(`${base}/customers`);
  await page.getByTestId("nav-segments").click();
  await page.getByTestId("new-segment").click();
  await page.getByTestId("segment-name").fill("回头客（演示）");
  // No condition yet: every customer the user may see.
  await page.getByTestId("segment-count").and(page.locator("[data-count]")).waitFor();
  assert.ok(Number(await count()) > 1, "everyone at first");

  // All of: tag is 分群演示, and any of (paid orders ≥ 1, points > 0).
  await page.getByTestId("add-condition").last().click();
  const first = page.getByTestId("segment-condition").first();
  await first.getByTestId("condition-field").selectOption("tag");
  await first.getByTestId("condition-value").fill("分群演示");
  await countIs(1);
  await page.getByTestId("add-group").first().click();
  const group = page.getByTestId("segment-group").nth(1);
  await group.getByTestId("group-mode").selectOption("any");
  await group.getByTestId("add-condition").click();
  await group.getByTestId("add-condition").click();
  const [orders, points] = [group.getByTestId("segment-condition").nth(0), group.getByTestId("segment-condition").nth(1)];
  await orders.getByTestId("condition-field").selectOption("order_count");
  await orders.getByTestId("condition-cmp").selectOption("gte");
  // Half-typed: the count waits for a complete condition.
  await page.getByTestId("segment-count").getByText("请填完条件").waitFor();
  await orders.getByTestId("condition-value").fill("1");
  await points.getByTestId("condition-field").selectOption("points_balance");
  await points.getByTestId("condition-cmp").selectOption("gt");
  await points.getByTestId("condition-value").fill("0");
  await countIs(0);
  await shot("15-segment-builder");
  await page.getByTestId("segment-save").click();
  await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
  const segmentUrl = page.url();

  // An order arrives (as from a shop system): the saved segment now holds the customer.
  const [product] = (await api("GET", "/products?limit=1")).items;
  await api("POST", "/orders", {
    customer_id: customer.id, number: `SEG-${Date.now()}`, currency: "CNY", items: [{ sku: product.sku, quantity: 1 }],
  });
  await page.goto(segmentUrl);
  await countIs(1);
  assert.equal(await page.getByTestId("segment-name").inputValue(), "回头客（演示）");
  await page.getByTestId("segment-members").click();
  await page.getByTestId("segment-chip").getByText("回头客（演示）").waitFor();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=customer-table] tbody tr").length === 1);
  assert.equal(await page.locator("[data-testid=customer-table] tbody tr a").textContent(), "分群测试客户");
  await shot("16-segment-members");

  // Deleting can be undone from the list.
  await page.goto(`${base}/segments`);
  const row = page.getByTestId("segment-row").filter({ hasText: "回头客（演示）" });
  await row.getByTestId("delete-segment").click();
  await page.getByTestId("segment-undo").waitFor();
  assert.equal(await row.count(), 0);
  await page.getByTestId("undo-delete").click();
  await row.waitFor();
  await page.getByTestId("toast").getByText("分群已恢复").waitFor();
});

test("switching to English and back changes every label and is remembered", async () => {
  await page.goto(`${base}/customers?stage=loyal`);
  await page.getByTestId("customer-table").waitFor();
  await page.getByTestId("lang-en").click();
  await page.getByRole("heading", { name: "Customers" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.reload();
  await page.getByRole("heading", { name: "Customers" }).waitFor();
  const badges = await page.locator("[data-testid=customer-table] .badge").allTextContents();
  assert.ok(badges.every((text) => text === "Loyal"), badges.join(","));
  await shot("06-english");
  await page.getByTestId("lang-zh").click();
  await page.getByRole("heading", { name: "客户" }).waitFor();
  await shot("07-chinese-again");
});

test("an admin manages users and teams and reads the audit log", async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId("nav-admin").click();
  await page.getByTestId("users-table").waitFor();
  await page.getByTestId("new-user-email").fill("wang.fang@e2e.kehu");
  await page.getByTestId("new-user-name").fill("王芳");
  await page.getByTestId("new-user-password").fill("short");
  await page.getByTestId("new-user-save").click();
  await page.getByText("内容过短").waitFor();
  await page.getByTestId("new-user-password").fill("wang-fang-password");
  await page.getByTestId("new-user-save").click();
  const row = page.getByTestId("users-table").locator("tr", { hasText: "王芳" });
  await row.waitFor();
  await row.getByRole("button", { name: "停用" }).click();
  await row.getByText("已停用").waitFor();
  await shot("15-admin-users");

  await page.getByRole("link", { name: "团队" }).click();
  await page.getByTestId("new-team-name").fill("华东销售");
  await page.getByTestId("new-team-save").click();
  await page.getByTestId("teams-table").getByText("华东销售").waitFor();
  const team = page.getByTestId("teams-table").locator("tr", { hasText: "华东销售" });
  // Only active users are offered (王芳 was just deactivated): the first is the admin.
  await team.getByTestId("team-lead").selectOption({ index: 1 });
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.reload();
  const lead = page.getByTestId("teams-table").locator("tr", { hasText: "华东销售" }).getByTestId("team-lead");
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=team-lead]")].some((s) => s.value !== ""));
  assert.notEqual(await lead.inputValue(), "", "the lead is kept");
  await shot("16-admin-teams");

  await page.getByTestId("admin-service-desk").click();
  await page.getByTestId("new-category-name").fill("安装服务");
  await page.getByTestId("new-category-name-en").fill("Installation");
  await page.getByTestId("new-category-save").click();
  const category = page.getByTestId("categories-table").locator("tr", { hasText: "安装服务" });
  await category.waitFor();
  await category.getByTestId("category-active").uncheck();
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll("[data-testid=categories-table] tr")].find((r) => r.textContent.includes("安装服务"));
    return row && !row.querySelector("input").checked;
  });
  const urgent = page.getByTestId("policy-row").filter({ hasText: "紧急 Urgent" });
  await urgent.getByTestId("policy-first").fill("20");
  await urgent.getByTestId("policy-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.reload();
  assert.equal(await page.getByTestId("policy-row").filter({ hasText: "紧急 Urgent" }).getByTestId("policy-first").inputValue(), "20");
  await shot("16b-service-desk-settings");

  // Compensation limits are edited in yuan, checked by the server, and kept in fen.
  const limits = page.getByTestId("compensation-limits");
  const agentRefund = limits.getByTestId("limit-row").first();
  assert.equal(await agentRefund.getByTestId("limit-role").inputValue(), "agent");
  assert.equal(await agentRefund.getByTestId("limit-kind").inputValue(), "refund");
  assert.equal(await agentRefund.getByTestId("limit-per-compensation").inputValue(), "200.00");
  await agentRefund.getByTestId("limit-per-compensation").fill("300");
  await agentRefund.getByTestId("limit-per-customer").fill("100");
  await page.getByTestId("limits-save").click();
  // Less a month than one compensation: refused at its field, nothing saved.
  await agentRefund.locator(".field-error").waitFor();
  await agentRefund.getByTestId("limit-per-customer").fill("800");
  // Points carry no currency; a limit added by mistake is removed before saving.
  await page.getByTestId("add-limit").click();
  const added = limits.getByTestId("limit-row").last();
  await added.getByTestId("limit-kind").selectOption("points");
  await added.getByText("不涉及").waitFor();
  await added.getByTestId("remove-limit").click();
  await page.getByTestId("limits-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.reload();
  const saved = page.getByTestId("compensation-limits").getByTestId("limit-row").first();
  await page.waitForFunction(() => document.querySelector("[data-testid=limit-per-compensation]")?.value === "300.00");
  assert.equal(await saved.getByTestId("limit-per-customer").inputValue(), "800.00");
  const stored = await (await fetch(`${base}/api/v1/settings/compensation-limits`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  })).json();
  const agentCny = stored.limits.find((l) => l.role === "agent" && l.kind === "refund" && l.currency === "CNY");
  assert.deepEqual([agentCny.per_compensation, agentCny.per_customer_30_days], [30000, 80000]);
  assert.equal(stored.limits.length, 8, "the points limit added and removed was never saved");
  await shot("16c-compensation-limits");

  await page.getByRole("link", { name: "审计日志" }).click();
  await page.getByTestId("audit-action").selectOption("customer.create");
  await page.getByTestId("audit-filter").click();
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("[data-testid=audit-action-cell]")];
    return cells.length > 0 && cells.every((cell) => cell.dataset.action === "customer.create" && cell.textContent === "新建客户");
  });
  const audit = await page.getByTestId("audit-table").textContent();
  assert.ok(audit.includes("李明华"));
  // Changes read as fields in words, not as the JSON the server keeps.
  assert.ok(audit.includes("名称：李明华"), "a created customer's name is listed by its label");
  await page.getByTestId("audit-action").selectOption("customer.update");
  await page.getByTestId("audit-filter").click();
  await page.getByTestId("audit-table").locator("li", { hasText: "→" }).first().waitFor();
  await page.getByLabel("操作人").selectOption({ label: "只读用户" });
  await page.getByTestId("audit-filter").click();
  await page.getByText("没有记录").waitFor();
  await shot("17-admin-audit");
});

test("an admin tightens the lifecycle rules and the inactivity check moves quiet customers", async () => {
  await page.goto(`${base}/admin/customer-value`);
  await page.getByTestId("value-rules").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=at_risk_after_days]")?.value === "90");
  await page.getByTestId("churned_after_days").fill("20");
  await page.getByTestId("at_risk_after_days").fill("30");
  await page.getByTestId("value-rules-save").click();
  await page.getByText("超出允许范围").waitFor();
  await page.getByTestId("churned_after_days").fill("120");
  await page.getByTestId("value-rules-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.reload();
  await page.waitForFunction(() => document.querySelector("[data-testid=at_risk_after_days]")?.value === "30");
  await page.getByTestId("run-sweep").click();
  await page.getByTestId("value-run-outcome").getByText(/检查完成：流失风险 \+\d+/).waitFor();
  await page.getByTestId("score-rfm").click();
  await page.getByTestId("value-run-outcome").getByText(/RFM 已更新：\d+/).waitFor();
  await shot("17b-value-rules");
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the value settings are ${overflow}px too wide on a phone`);
  await shot("28-phone-value-rules");
  await page.setViewportSize(viewport);
});

test("an admin reshapes the loyalty tiers; thresholds out of order are named on their row", async () => {
  await page.goto(`${base}/admin/customer-value`);
  await page.getByTestId("admin-loyalty").click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=tier-row]").length === 4);
  assert.equal(await page.getByTestId("tier-name").first().inputValue(), "bronze");
  assert.equal(await page.getByTestId("tier-threshold").nth(2).inputValue(), "5000.00");
  // A fifth tier below gold's threshold is refused on its own row.
  await page.getByTestId("add-tier").click();
  const added = page.getByTestId("tier-row").nth(4);
  await added.getByTestId("tier-name").fill("diamond");
  await added.getByTestId("tier-threshold").fill("100");
  await page.getByTestId("loyalty-save").click();
  await added.getByText("超出允许范围").waitFor();
  await added.getByTestId("tier-threshold").fill("50000");
  await added.getByTestId("tier-benefits").fill("年度答谢会 / Annual gala");
  await page.getByTestId("points_per_unit").fill("2");
  await page.getByTestId("loyalty-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=tier-row]").length === 5);
  assert.equal(await page.getByTestId("points_per_unit").inputValue(), "2");
  await shot("17c-loyalty-settings");
  // Put the program back as the other tests expect it.
  await page.getByTestId("remove-tier").last().click();
  await page.getByTestId("points_per_unit").fill("1");
  await page.getByTestId("loyalty-save").click();
  await page.getByTestId("toast").getByText("已保存").last().waitFor();
  await page.getByTestId("run-expiry").click();
  await page.getByTestId("loyalty-run-outcome").getByText(/过期积分已处理/).waitFor();
});

test("an unanswered complaint breaches its SLA and escalates on its own", async () => {
  // The runner checks every 15 s; the target was one minute after the suite began.
  const row = page.locator("[data-testid=ticket-table] tbody tr", { hasText: breachingNumber });
  for (let attempt = 0; attempt < 30 && (await row.count()) === 0; attempt++) {
    await page.goto(`${base}/tickets?view=breached`);
    await page.getByTestId("ticket-table").or(page.getByTestId("empty-state")).first().waitFor();
    if ((await row.count()) === 0) await page.waitForTimeout(5000);
  }
  await row.getByTestId("sla-badge").getByText("已超时").waitFor();
  await shot("41-breached-queue");
  await row.locator("a").first().click();
  await page.getByTestId("ticket-level").getByText("1 · 组长").waitFor();
  await page.getByTestId("sla-first_response").getByText("已超时").waitFor();
  await page.getByTestId("event-escalated").waitFor();
  await shot("42-breached-ticket");
});

test("signing out ends the session", async () => {
  await page.goto(`${base}/customers`);
  await page.getByTestId("customer-table").waitFor();
  await page.getByTestId("sign-out").click();
  await page.waitForURL(/\/login/);
  await page.goto(`${base}/customers`);
  await page.waitForURL(/\/login/);
  await shot("18-signed-out");
  // The tests provoke a wrong password (401), a stale edit (412), a too-short
  // password (422) and an adjustment beyond the points balance (409) on
  // purpose; anything else in the console is a bug.
  const expected = /status of (401|409|412|422)\b/;
  assert.deepEqual(consoleErrors.filter((text) => !expected.test(text)), []);
});

test("a viewer sees masked phone numbers and no edit buttons", async () => {
  await page.goto(`${base}/login`);
  await page.getByLabel("邮箱").fill(viewerEmail);
  await page.getByLabel("密码").fill(viewerPassword);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("customer-table").waitFor();
  const phones = await page.locator("[data-testid=customer-table] td.mono").allTextContents();
  assert.ok(phones.length > 0 && phones.every((p) => p === "" || p.includes("****")), phones.slice(0, 3).join(","));
  assert.equal(await page.getByTestId("new-customer").count(), 0);
  await shot("18-viewer-list");
  await page.locator("[data-testid=customer-table] tbody tr a").first().click();
  await page.getByTestId("customer-name").waitFor();
  assert.equal(await page.getByTestId("change-stage").count(), 0);
  assert.equal(await page.getByTestId("interaction-save").count(), 0);
  await shot("19-viewer-customer");
  assert.equal(await page.getByTestId("nav-admin").count(), 0);
  await page.goto(`${base}/admin/users`);
  await page.getByText("仅管理员可访问此页面。").waitFor();
});

test("a user changes their own password from the user menu", async () => {
  await page.getByTestId("user-menu").click();
  await page.getByTestId("current-password").fill("not my password");
  await page.getByTestId("new-password").fill("viewer-password-2");
  await page.getByTestId("password-save").click();
  await page.getByText("不允许").waitFor();
  await page.getByTestId("current-password").fill(viewerPassword);
  await page.getByTestId("password-save").click();
  await page.getByText("密码已修改").waitFor();
  await shot("20-password-changed");
  await page.getByTestId("sign-out").click();
  await page.waitForURL(/\/login/);
  await page.getByLabel("邮箱").fill(viewerEmail);
  await page.getByLabel("密码").fill("viewer-password-2");
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("customer-table").waitFor();
});

test("sign-in explains a deactivated account and too many attempts", async () => {
  await page.getByTestId("sign-out").click();
  await page.waitForURL(/\/login/);
  const attempt = async (email, password) => {
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForFunction(() => !document.querySelector("button[type=submit][disabled]"));
  };
  // 王芳 was deactivated by the admin earlier.
  await attempt("wang.fang@e2e.kehu", "wang-fang-password");
  await page.getByText("该账号已停用，请联系管理员。").waitFor();
  for (let i = 0; i < 5; i++) await attempt("nobody@e2e.kehu", `wrong password ${i}`);
  await attempt("nobody@e2e.kehu", "wrong password again");
  await page.getByText("登录失败次数过多，请稍后再试。").waitFor();
  await shot("21-throttled");
  await attempt(viewerEmail, "viewer-password-2");
  await page.getByTestId("customer-table").waitFor();
});

test("pages fit a phone-width screen without sideways scrolling", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, ready, name] of [
    ["/tickets", "ticket-table", "25-phone-tickets"],
    ["/knowledge", "article-list", "26-phone-knowledge"],
    ["/help", "help-articles", "27-phone-help"],
    ["/customers", "customer-table", "22-phone-list"],
    ["/customers?q=%E6%98%8E%E5%8D%8E", "customer-table", "23-phone-search"],
  ]) {
    await page.goto(`${base}${path}`);
    await page.getByTestId(ready).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px too wide`);
    await shot(name);
  }
  await page.locator("[data-testid=customer-table] tbody tr a").first().click();
  await page.getByTestId("customer-name").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the customer page is ${overflow}px too wide`);
  await shot("24-phone-customer");
});
