//! Orders: recording a purchase updates the customer's value and, by the
//! lifecycle rules, their stage — in the same transaction, so value and stage
//! never disagree with the orders.

use chrono::{DateTime, Duration, Utc};
use kehu_domain::lifecycle;
use kehu_domain::text::has_control_chars;
use kehu_domain::validate::{Errors, REASON_MAX, SKU_MAX};
use kehu_domain::value::share;
use kehu_store::entities::{customer_value, order, order_item, order_refund, product, stage_history};
use kehu_store::orders::items_of;
use kehu_store::{convert, new_id, now};
use kehu_types::{
    CreateOrder, CreateRefund, LifecycleSettings, LifecycleStage, Order, OrderItemInput, OrderStatus, codes,
    field_codes,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use uuid::Uuid;

use crate::customers::customer_refs::{self, CustomerReference};
use crate::customers::service as customers;
use crate::http::actor::Actor;
use crate::http::error::{ApiError, ApiResult};
use crate::loyalty::ledger as loyalty;
use crate::platform::{audit, settings};

/// Most lines one order may have.
const ITEMS_MAX: usize = 200;
/// Largest quantity of one line.
const QUANTITY_MAX: i32 = 100_000;
/// How far ahead of this server's clock an order time may be (clock skew).
const FUTURE_SLACK_MINUTES: i64 = 5;

/// An order with its lines.
pub type Recorded = (order::Model, Vec<order_item::Model>);

/// Wire orders with their customers' names, read in one query.
pub async fn present(conn: &impl ConnectionTrait, recorded: &[Recorded]) -> ApiResult<Vec<Order>> {
    let names = kehu_store::customers::names_of(conn, recorded.iter().map(|(row, _)| row.customer_id)).await?;
    let name_of = |row: &order::Model| names.get(&row.customer_id).map_or("", String::as_str);
    Ok(recorded.iter().map(|(row, items)| convert::order(row, items, name_of(row))).collect())
}

/// [`present`] for one order.
pub async fn present_one(conn: &impl ConnectionTrait, recorded: &Recorded) -> ApiResult<Order> {
    let names = kehu_store::customers::names_of(conn, [recorded.0.customer_id]).await?;
    let (row, items) = recorded;
    Ok(convert::order(row, items, names.get(&row.customer_id).map_or("", String::as_str)))
}

/// An order the actor may see (through its customer).
pub async fn load_visible(conn: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<Recorded> {
    let row = order::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("order"))?;
    customers::load_visible(conn, actor, row.customer_id, true).await.map_err(|_| ApiError::not_found("order"))?;
    let items = lines_of(conn, &row).await?;
    Ok((row, items))
}

async fn lines_of(conn: &impl ConnectionTrait, row: &order::Model) -> ApiResult<Vec<order_item::Model>> {
    Ok(items_of(conn, &[row.id]).await?.remove(&row.id).unwrap_or_default())
}

/// The products the lines name, by id and by SKU; unknown ones are field errors.
async fn resolve(
    conn: &impl ConnectionTrait,
    errors: &mut Errors,
    items: &[OrderItemInput],
) -> ApiResult<Vec<Option<product::Model>>> {
    let ids: Vec<Uuid> = items.iter().filter_map(|i| i.product_id).collect();
    // Text with control characters names no product (and PostgreSQL refuses NUL).
    let skus: Vec<String> = items
        .iter()
        .filter(|i| i.product_id.is_none())
        .filter_map(|i| i.sku.clone())
        .filter(|sku| !has_control_chars(sku))
        .collect();
    let mut found = product::Entity::find().filter(product::Column::Id.is_in(ids)).all(conn).await?;
    found.extend(product::Entity::find().filter(product::Column::Sku.is_in(skus)).all(conn).await?);
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let hit = match (item.product_id, item.sku.as_deref()) {
                (Some(id), _) => found.iter().find(|p| p.id == id),
                (None, Some(sku)) => found.iter().find(|p| p.sku == sku),
                (None, None) => {
                    errors.add(format!("items[{i}].sku"), field_codes::REQUIRED, "give a product_id or a sku");
                    return None;
                }
            };
            if hit.is_none() {
                let field = if item.product_id.is_some() { "product_id" } else { "sku" };
                errors.add(format!("items[{i}].{field}"), field_codes::UNKNOWN_REFERENCE, "no such product");
            }
            hit.cloned()
        })
        .collect())
}

/// The lines as they will be stored, and the order's total; `None` when a
/// product is missing or an amount overflows (the errors say which). A line
/// without its own unit price takes the product's list price, which must be
/// in the order's currency (500 yen are not 500 fen).
fn lines(
    errors: &mut Errors,
    items: &[OrderItemInput],
    products: &[Option<product::Model>],
    currency: &str,
) -> Option<(Vec<order_item::ActiveModel>, i64)> {
    let mut total: i64 = 0;
    let mut lines = Vec::with_capacity(items.len());
    let mut complete = true;
    for (i, (item, product)) in items.iter().zip(products).enumerate() {
        if !(1..=QUANTITY_MAX).contains(&item.quantity) {
            errors.add(
                format!("items[{i}].quantity"),
                field_codes::OUT_OF_RANGE,
                format!("must be 1 to {QUANTITY_MAX}"),
            );
        }
        if let Some(price) = item.unit_price {
            errors.money(&format!("items[{i}].unit_price"), price, 0);
        }
        let Some(product) = product else {
            complete = false;
            continue;
        };
        if item.unit_price.is_none() && product.currency != currency {
            let field = if item.product_id.is_some() { "product_id" } else { "sku" };
            errors.add(
                format!("items[{i}].{field}"),
                field_codes::NOT_ALLOWED,
                format!("{} is priced in {}, the order in {currency}", product.sku, product.currency),
            );
        }
        let price = item.unit_price.unwrap_or(product.list_price);
        let amount = price.checked_mul(i64::from(item.quantity));
        match amount.and_then(|a| total.checked_add(a)) {
            Some(sum) => total = sum,
            None => errors.add(format!("items[{i}].quantity"), field_codes::OUT_OF_RANGE, "the amount is too large"),
        }
        lines.push(order_item::ActiveModel {
            id: Set(new_id()),
            order_id: Set(Uuid::nil()),
            position: Set(i as i32),
            product_id: Set(product.id),
            sku: Set(product.sku.clone()),
            name: Set(product.name.clone()),
            category: Set(product.category.clone()),
            quantity: Set(item.quantity),
            unit_price: Set(price),
            unit_cost: Set(product.unit_cost),
        });
    }
    errors.money("total", total, 0);
    complete.then_some((lines, total))
}

/// When the customer entered their current stage (their latest stage change).
pub async fn stage_began(conn: &impl ConnectionTrait, customer_id: Uuid) -> ApiResult<Option<DateTime<Utc>>> {
    let latest = stage_history::Entity::find()
        .filter(stage_history::Column::CustomerId.eq(customer_id))
        .order_by_desc(stage_history::Column::At)
        .one(conn)
        .await?;
    Ok(latest.map(|row| row.at))
}

/// Revenue and cost of goods over the lines whose cost is known.
fn costed_totals(items: &[order_item::Model]) -> (i64, i64) {
    items
        .iter()
        .filter_map(|i| i.unit_cost.map(|c| (i.unit_price * i64::from(i.quantity), c * i64::from(i.quantity))))
        .fold((0, 0), |(r, c), (line_revenue, line_cost)| (r + line_revenue, c + line_cost))
}

/// Add a paid order to the customer's running value.
async fn add_value(
    conn: &impl ConnectionTrait,
    current: Option<customer_value::Model>,
    row: &order::Model,
    items: &[order_item::Model],
) -> ApiResult<()> {
    let (costed, cost) = costed_totals(items);
    let at = row.ordered_at;
    match current {
        None => {
            customer_value::ActiveModel {
                customer_id: Set(row.customer_id),
                currency: Set(Some(row.currency.clone())),
                order_count: Set(1),
                total_spent: Set(row.total),
                costed_revenue: Set(costed),
                cost_of_goods: Set(cost),
                first_purchase_at: Set(Some(at)),
                last_purchase_at: Set(Some(at)),
                updated_at: Set(now()),
                // Scored by the next RFM run.
                ..Default::default()
            }
            .insert(conn)
            .await?;
        }
        Some(value) => {
            let first = value.first_purchase_at.map_or(at, |f| f.min(at));
            let last = value.last_purchase_at.map_or(at, |l| l.max(at));
            let (count, spent) = (value.order_count + 1, value.total_spent + row.total);
            let (costed_sum, cost_sum) = (value.costed_revenue + costed, value.cost_of_goods + cost);
            let mut active = value.into_active_model();
            active.currency = Set(Some(row.currency.clone()));
            active.order_count = Set(count);
            active.total_spent = Set(spent);
            active.costed_revenue = Set(costed_sum);
            active.cost_of_goods = Set(cost_sum);
            active.first_purchase_at = Set(Some(first));
            active.last_purchase_at = Set(Some(last));
            active.updated_at = Set(now());
            active.update(conn).await?;
        }
    }
    Ok(())
}

/// Move the customer by the lifecycle rules a paid order fires.
async fn apply_purchase_rules(
    conn: &impl ConnectionTrait,
    customer: kehu_store::entities::customer::Model,
    row: &order::Model,
    paid_before: i64,
) -> ApiResult<()> {
    let (rules, _) = settings::load::<LifecycleSettings>(conn).await?;
    let stage = convert::customer(&customer).stage;
    let after_stage_began = stage_began(conn, customer.id).await?.is_none_or(|began| row.ordered_at > began);
    let may_turn_loyal = stage != LifecycleStage::Loyal && paid_before + 1 >= rules.loyal_min_orders;
    let spend = if may_turn_loyal { kehu_store::orders::spend_12m(conn, customer.id, Utc::now()).await? } else { 0 };
    let purchase = lifecycle::Purchase { paid_before, after_stage_began, spend_12m: spend };
    let moves = lifecycle::after_purchase(stage, &purchase, &rules);
    if !moves.is_empty() {
        let why = format!("paid order {} ({} paid before)", row.number, paid_before);
        customers::move_by_rules(conn, customer, &moves, &why, now()).await?;
    }
    Ok(())
}

fn check_time(errors: &mut Errors, at: DateTime<Utc>) {
    if at > Utc::now() + Duration::minutes(FUTURE_SLACK_MINUTES) {
        errors.add("ordered_at", field_codes::OUT_OF_RANGE, "must not be in the future");
    }
}

/// Record an order. Returns it and whether it is new: a re-sent order (same
/// source and number, same customer) is returned as recorded.
pub async fn create(conn: &impl ConnectionTrait, actor: &Actor, input: &CreateOrder) -> ApiResult<(Recorded, bool)> {
    actor.require_writer()?;
    let mut errors = Errors::default();
    let number = errors.required_text("number", &input.number, SKU_MAX);
    let source = errors.optional_text("source", input.source.as_deref(), SKU_MAX).unwrap_or_else(|| "manual".into());
    let currency = errors.currency("currency", &input.currency);
    let status = input.status.unwrap_or(OrderStatus::Paid);
    if !matches!(status, OrderStatus::Paid | OrderStatus::Cancelled) {
        errors.add("status", field_codes::NOT_ALLOWED, "a new order is paid or cancelled");
    }
    let ordered_at = chrono::SubsecRound::trunc_subsecs(input.ordered_at.unwrap_or_else(Utc::now), 6);
    check_time(&mut errors, ordered_at);
    if input.items.is_empty() || input.items.len() > ITEMS_MAX {
        errors.add("items", field_codes::OUT_OF_RANGE, format!("an order has 1 to {ITEMS_MAX} lines"));
    }
    // Locked: the value sums and the stage are read, then written.
    let reference = CustomerReference { customer_id: input.customer_id, customer: input.customer.as_ref() };
    let customer = customer_refs::resolve(conn, actor, reference, true).await?;
    let existing = order::Entity::find()
        .filter(order::Column::Source.eq(source.as_str()))
        .filter(order::Column::Number.eq(number.as_str()))
        .one(conn)
        .await?;
    if let Some(row) = existing {
        if row.customer_id != customer.id {
            return Err(ApiError::conflict(
                codes::ORDER_NUMBER_TAKEN,
                format!("order {number} from {source} is recorded for another customer"),
            ));
        }
        let items = lines_of(conn, &row).await?;
        return Ok(((row, items), false));
    }
    let products = resolve(conn, &mut errors, &input.items).await?;
    let built = lines(&mut errors, &input.items, &products, &currency);
    let value = customer_value::Entity::find_by_id(customer.id).one(conn).await?;
    if let Some(used) = value.as_ref().and_then(|v| v.currency.clone())
        && used != currency
        && status == OrderStatus::Paid
    {
        errors.add("currency", field_codes::NOT_ALLOWED, format!("this customer's orders are in {used}"));
    }
    errors.finish(()).map_err(ApiError::validation)?;
    let Some((lines, total)) = built else { return Err(ApiError::internal("order lines without products")) };

    let at = now();
    let row = order::ActiveModel {
        id: Set(new_id()),
        customer_id: Set(customer.id),
        number: Set(number),
        source: Set(source),
        currency: Set(currency),
        total: Set(total),
        refunded: Set(0),
        status: Set(status.as_str().to_owned()),
        channel: Set(input.channel.map(|c| c.as_str().to_owned())),
        ordered_at: Set(ordered_at),
        created_by: Set(Some(actor.id)),
        version: Set(1),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(conn)
    .await?;
    let mut items = Vec::with_capacity(lines.len());
    for mut line in lines {
        line.order_id = Set(row.id);
        items.push(line.insert(conn).await?);
    }
    let customer_name = customer.name.clone();
    if status == OrderStatus::Paid {
        let paid_before = value.as_ref().map_or(0, |v| v.order_count);
        add_value(conn, value, &row, &items).await?;
        loyalty::earn_for_order(conn, customer.id, row.id, &row.number, row.total, &row.currency).await?;
        apply_purchase_rules(conn, customer, &row, paid_before).await?;
    }
    let created = json!(convert::order(&row, &items, &customer_name));
    audit::record(conn, Some(actor.id), &actor.meta, "order.create", "order", Some(row.id), created.clone()).await?;
    audit::emit(conn, "order.created", "order", row.id, created).await?;
    Ok(((row, items), true))
}

/// Give back part or all of a paid order. The customer's spend drops by the
/// amount; a fully refunded order no longer counts as a purchase; revenue and
/// cost of goods fall in proportion, computed so that successive partial
/// refunds add up exactly to the whole order.
pub async fn refund(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    input: &CreateRefund,
) -> ApiResult<(Recorded, order_refund::Model)> {
    actor.require_writer()?;
    let found = order::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("order"))?;
    // The same per-customer lock as recording an order; the order is read
    // again under it, as another refund may have just committed.
    customers::lock_visible(conn, actor, found.customer_id, true).await.map_err(|_| ApiError::not_found("order"))?;
    let row = order::Entity::find_by_id(id).one(conn).await?.unwrap_or(found);
    let items = lines_of(conn, &row).await?;
    let status = OrderStatus::parse(&row.status).unwrap_or(OrderStatus::Cancelled);
    let remaining = row.total - row.refunded;
    if !matches!(status, OrderStatus::Paid | OrderStatus::PartiallyRefunded) || remaining <= 0 {
        return Err(ApiError::conflict(
            codes::ORDER_NOT_REFUNDABLE,
            format!("order {} has nothing to refund", row.number),
        ));
    }
    let mut errors = Errors::default();
    let reason = errors.required_text("reason", &input.reason, REASON_MAX);
    let amount = input.amount.unwrap_or(remaining);
    if !(1..=remaining).contains(&amount) {
        errors.add("amount", field_codes::OUT_OF_RANGE, format!("must be between 1 and {remaining}"));
    }
    errors.finish(()).map_err(ApiError::validation)?;

    let (before, after) = (row.refunded, row.refunded + amount);
    let full = after == row.total;
    let (costed, cost) = costed_totals(&items);
    if let Some(value) = customer_value::Entity::find_by_id(row.customer_id).one(conn).await? {
        let revenue_back = share(costed, after, row.total) - share(costed, before, row.total);
        let cost_back = share(cost, after, row.total) - share(cost, before, row.total);
        let (count, spent) = (value.order_count - i64::from(full), value.total_spent - amount);
        let (costed_sum, cost_sum) = (value.costed_revenue - revenue_back, value.cost_of_goods - cost_back);
        let mut active = value.into_active_model();
        active.order_count = Set(count);
        active.total_spent = Set(spent);
        active.costed_revenue = Set(costed_sum);
        active.cost_of_goods = Set(cost_sum);
        active.updated_at = Set(now());
        active.update(conn).await?;
    }
    let at = now();
    let next_status = if full { OrderStatus::Refunded } else { OrderStatus::PartiallyRefunded };
    let version = row.version;
    let mut active = row.into_active_model();
    active.refunded = Set(after);
    active.status = Set(next_status.as_str().to_owned());
    active.version = Set(version + 1);
    active.updated_at = Set(at);
    let row = active.update(conn).await?;
    loyalty::reverse_for_refund(conn, row.customer_id, (row.id, &row.number, row.total), (before, after)).await?;
    let refund = order_refund::ActiveModel {
        id: Set(new_id()),
        order_id: Set(row.id),
        order_number: Set(row.number.clone()),
        customer_id: Set(row.customer_id),
        amount: Set(amount),
        currency: Set(row.currency.clone()),
        reason: Set(reason),
        actor_id: Set(Some(actor.id)),
        at: Set(at),
    }
    .insert(conn)
    .await?;
    let record = json!(convert::order_refund(&refund));
    audit::record(conn, Some(actor.id), &actor.meta, "order.refund", "order", Some(row.id), record.clone()).await?;
    audit::emit(conn, "order.refunded", "order", row.id, record).await?;
    Ok(((row, items), refund))
}
