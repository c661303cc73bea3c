// A client's view of the API, typed only by what openapi-typescript generated
// from openapi/openapi.json. If a schema goes missing or changes shape, this
// file stops compiling under --strict.
import type { components, paths } from "./generated/kehu";

type Schemas = components["schemas"];

type CustomerList =
  paths["/api/v1/customers"]["get"]["responses"]["200"]["content"]["application/json"];
type NewCustomer = NonNullable<paths["/api/v1/customers"]["post"]["requestBody"]>["content"]["application/json"];
type TicketQuery = NonNullable<paths["/api/v1/tickets"]["get"]["parameters"]["query"]>;

export const newCustomer: NewCustomer = {
  kind: "person",
  name: "李明华",
  phones: ["+8613800138000"],
  emails: ["minghua@example.com"],
  tags: ["VIP"],
  custom: { member_card: "M-0001", visits: 3 },
  marketing_consent: { email: true },
};

export function primaryPhones(page: CustomerList): string[] {
  return page.items.map((customer: Schemas["Customer"]) => customer.phones[0] ?? "");
}

export function isOpen(ticket: Schemas["Ticket"]): boolean {
  const closed: Schemas["TicketStatus"][] = ["resolved", "closed"];
  return !closed.includes(ticket.status);
}

export const breachingQueue: TicketQuery = { view: "breaching_soon", priority: "urgent" };

export const loyalInShanghai: Schemas["SegmentFilter"] = {
  op: "and",
  items: [
    { op: "compare", field: "stage", cmp: "eq", value: "loyal" },
    { op: "compare", field: "region", cmp: "in", value: ["上海", "杭州"] },
    { op: "not", item: { op: "compare", field: "order_count", cmp: "lt", value: 3 } },
  ],
};

export const problemCode = (problem: Schemas["Problem"]): string => problem.code;
