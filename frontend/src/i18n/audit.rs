//! The audit log in words: what each action code means, which kind of record
//! it touched, and its changes as "field: before → after" lines instead of
//! the JSON the server keeps. A code this table does not know yet is shown
//! as it is, so a newer server never makes a row disappear.

use kehu_types::LifecycleStage;
use serde_json::Value;

use super::{Locale, colon, stage_label};

/// The audit page's own texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audit {
    AnyAction,
    RawChanges,
    MoreChanges,
}

impl Audit {
    pub fn text(self, locale: Locale) -> &'static str {
        let (zh, en) = match self {
            Audit::AnyAction => ("全部操作", "Any action"),
            Audit::RawChanges => ("原始记录", "Raw record"),
            Audit::MoreChanges => ("另有 {n} 项变更及原始记录", "{n} more changes and the raw record"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

/// Every action the server records, in the order the filter offers them.
pub const AUDIT_ACTIONS: &[(&str, &str, &str)] = &[
    ("auth.login", "登录", "Signed in"),
    ("auth.login_failed", "登录失败", "Sign-in failed"),
    ("auth.login_refused", "登录被拒（账号已停用）", "Sign-in refused (deactivated)"),
    ("auth.logout", "退出登录", "Signed out"),
    ("auth.refresh_reused", "会话令牌被重复使用", "Session token reused"),
    ("auth.password_changed", "修改本人密码", "Changed own password"),
    ("user.create", "新建用户", "Created a user"),
    ("user.update", "修改用户", "Changed a user"),
    ("user.password_reset", "重置用户密码", "Reset a password"),
    ("user.preferences", "修改个人偏好", "Changed preferences"),
    ("team.create", "新建团队", "Created a team"),
    ("team.update", "修改团队", "Changed a team"),
    ("customer.create", "新建客户", "Created a customer"),
    ("customer.update", "修改客户", "Changed a customer"),
    ("customer.delete", "客户移入回收站", "Moved a customer to the trash"),
    ("customer.restore", "恢复客户", "Restored a customer"),
    ("customer.stage_change", "变更生命周期阶段", "Changed the lifecycle stage"),
    ("customer.tier_change", "会员等级变化", "Membership tier changed"),
    ("points.earn", "积分：订单获得", "Points earned on an order"),
    ("points.reverse", "积分：退款扣回", "Points taken back on a refund"),
    ("points.adjust", "积分：手动调整", "Points adjusted by hand"),
    ("points.redeem", "积分：兑换", "Points redeemed"),
    ("points.expire", "积分：过期", "Points expired"),
    ("points.compensation", "积分：工单补偿", "Points given as compensation"),
    ("order.create", "新建订单", "Created an order"),
    ("order.refund", "订单退款", "Refunded an order"),
    ("order.bulk", "批量导入订单", "Imported orders"),
    ("product.create", "新建产品", "Created a product"),
    ("product.update", "修改产品", "Changed a product"),
    ("product.bulk", "批量导入产品", "Imported products"),
    ("interaction.create", "记录互动", "Logged an interaction"),
    ("task.create", "新建任务", "Created a task"),
    ("task.update", "修改任务", "Changed a task"),
    ("ticket.create", "新建工单", "Opened a ticket"),
    ("ticket.update", "修改工单", "Changed a ticket"),
    ("ticket.assign", "分配工单", "Assigned a ticket"),
    ("ticket.transfer", "转交工单", "Transferred a ticket"),
    ("ticket.status_change", "变更工单状态", "Changed a ticket's status"),
    ("ticket.escalate", "升级工单", "Escalated a ticket"),
    ("ticket.deescalate", "取消升级", "De-escalated a ticket"),
    ("ticket.note", "添加内部备注", "Added an internal note"),
    ("ticket.reply", "回复客户", "Replied to the customer"),
    ("ticket.customer_message", "客户来信", "Customer wrote"),
    ("ticket.compensate", "记录补偿", "Recorded compensation"),
    ("ticket.approve_compensation", "批准补偿", "Approved compensation"),
    ("ticket.reject_compensation", "驳回补偿", "Rejected compensation"),
    ("article.create", "新建知识文章", "Created an article"),
    ("article.update", "修改知识文章", "Changed an article"),
    ("segment.create", "新建客户分群", "Created a segment"),
    ("segment.update", "修改客户分群", "Changed a segment"),
    ("segment.delete", "客户分群移入回收站", "Moved a segment to the trash"),
    ("segment.restore", "恢复客户分群", "Restored a segment"),
    ("settings.update", "修改设置", "Changed settings"),
    ("sla_policy.create", "新建 SLA 策略", "Created an SLA policy"),
    ("sla_policy.update", "修改 SLA 策略", "Changed an SLA policy"),
    ("ticket_category.create", "新建工单分类", "Created a ticket category"),
    ("ticket_category.update", "修改工单分类", "Changed a ticket category"),
    ("business_calendar.create", "新建工作日历", "Created a business calendar"),
    ("business_calendar.update", "修改工作日历", "Changed a business calendar"),
    ("business_calendar.import_holidays", "导入节假日", "Imported holidays"),
];

/// The kinds of record an action touches, in the order the filter offers them.
pub const AUDIT_ENTITIES: &[(&str, &str, &str)] = &[
    ("customer", "客户", "Customer"),
    ("ticket", "工单", "Ticket"),
    ("order", "订单", "Order"),
    ("product", "产品", "Product"),
    ("interaction", "互动", "Interaction"),
    ("task", "任务", "Task"),
    ("article", "知识文章", "Article"),
    ("segment", "客户分群", "Segment"),
    ("user", "用户", "User"),
    ("team", "团队", "Team"),
    ("settings", "设置", "Settings"),
    ("sla_policy", "SLA 策略", "SLA policy"),
    ("ticket_category", "工单分类", "Ticket category"),
    ("business_calendar", "工作日历", "Business calendar"),
];

/// Names of the fields that changes most often carry; any other is shown by its key.
const FIELDS: &[(&str, &str, &str)] = &[
    ("name", "名称", "Name"),
    ("email", "邮箱", "Email"),
    ("phone", "电话", "Phone"),
    ("company", "公司", "Company"),
    ("region", "地区", "Region"),
    ("address", "地址", "Address"),
    ("birthday", "生日", "Birthday"),
    ("gender", "性别", "Gender"),
    ("source", "来源", "Source"),
    ("tags", "标签", "Tags"),
    ("notes", "备注", "Notes"),
    ("owner_id", "负责人", "Owner"),
    ("team_id", "团队", "Team"),
    ("lead_id", "负责人", "Lead"),
    ("assignee_id", "处理人", "Assignee"),
    ("stage", "生命周期阶段", "Lifecycle stage"),
    ("status", "状态", "Status"),
    ("priority", "优先级", "Priority"),
    ("subject", "主题", "Subject"),
    ("title", "标题", "Title"),
    ("number", "编号", "Number"),
    ("role", "角色", "Role"),
    ("active", "启用", "Active"),
    ("reason", "原因", "Reason"),
    ("from", "原值", "Before"),
    ("to", "新值", "After"),
    ("points", "积分", "Points"),
    ("amount", "金额", "Amount"),
    ("currency", "币种", "Currency"),
    ("custom_fields", "自定义字段", "Custom fields"),
    ("marketing_consent", "营销同意", "Marketing consent"),
    ("compensation", "补偿", "Compensation"),
    ("created", "新建", "Created"),
    ("updated", "更新", "Updated"),
    ("failed", "失败", "Failed"),
];

fn lookup(table: &[(&str, &'static str, &'static str)], code: &str, locale: Locale) -> Option<&'static str> {
    table.iter().find(|(key, ..)| *key == code).map(|(_, zh, en)| if locale == Locale::Zh { *zh } else { *en })
}

/// What an action code means, e.g. `ticket.status_change` → 变更工单状态.
pub fn audit_action_label(action: &str, locale: Locale) -> Option<&'static str> {
    lookup(AUDIT_ACTIONS, action, locale)
}

/// The kind of record, e.g. `business_calendar` → 工作日历.
pub fn audit_entity_label(entity_type: &str, locale: Locale) -> Option<&'static str> {
    lookup(AUDIT_ENTITIES, entity_type, locale)
}

/// The longest a value is shown in a line; the whole row stays in the raw view.
const VALUE_CHARS: usize = 80;

/// An audit row's changes as lines: `{field: {from, to}}` as
/// "field：before → after", any other summary as "key：value". `name_of`
/// names an id (a user's), when it can.
pub fn change_lines(changes: &Value, locale: Locale, name_of: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let Some(object) = changes.as_object() else {
        return vec![value_text("", changes, locale, name_of)].into_iter().filter(|line| !line.is_empty()).collect();
    };
    object
        .iter()
        .map(|(key, value)| {
            let field = lookup(FIELDS, key, locale).map_or_else(|| key.clone(), str::to_owned);
            let text = match diff_pair(value) {
                Some((from, to)) => {
                    format!("{} → {}", value_text(key, from, locale, name_of), value_text(key, to, locale, name_of))
                }
                None => value_text(key, value, locale, name_of),
            };
            format!("{field}{}{text}", colon(locale))
        })
        .collect()
}

/// `{from, to}` and nothing else: one field's change.
fn diff_pair(value: &Value) -> Option<(&Value, &Value)> {
    let object = value.as_object()?;
    (object.len() == 2).then(|| Some((object.get("from")?, object.get("to")?))).flatten()
}

/// One value as a reader knows it: a stage by its label, a user by name,
/// nothing as "—", yes/no in words, a list joined, a long text cut.
fn value_text(key: &str, value: &Value, locale: Locale, name_of: &dyn Fn(&str) -> Option<String>) -> String {
    let text = match value {
        Value::Null => "—".to_owned(),
        Value::Bool(yes) => match (yes, locale) {
            (true, Locale::Zh) => "是".to_owned(),
            (false, Locale::Zh) => "否".to_owned(),
            (true, Locale::En) => "yes".to_owned(),
            (false, Locale::En) => "no".to_owned(),
        },
        Value::Number(number) => number.to_string(),
        Value::String(text) => {
            let stage = matches!(key, "stage" | "from" | "to").then(|| LifecycleStage::parse(text)).flatten();
            match stage {
                Some(stage) => stage_label(stage, locale).to_owned(),
                None => name_of(text).unwrap_or_else(|| text.clone()),
            }
        }
        Value::Array(items) if items.iter().all(|item| !item.is_array() && !item.is_object()) => {
            let separator = if locale == Locale::Zh { "、" } else { ", " };
            let texts: Vec<String> = items.iter().map(|item| value_text(key, item, locale, name_of)).collect();
            if texts.is_empty() { "—".to_owned() } else { texts.join(separator) }
        }
        other => other.to_string(),
    };
    cut(text)
}

fn cut(text: String) -> String {
    match text.char_indices().nth(VALUE_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn nobody(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn a_diff_reads_as_before_and_after() {
        let changes = json!({"region": {"from": null, "to": "华东"}, "tags": {"from": ["vip"], "to": ["vip", "华东"]}});
        assert_eq!(change_lines(&changes, Locale::Zh, &nobody), ["地区：— → 华东", "标签：vip → vip、华东"]);
        assert_eq!(change_lines(&changes, Locale::En, &nobody), ["Region: — → 华东", "Tags: vip → vip, 华东"]);
    }

    #[test]
    fn stages_users_and_yes_no_are_named() {
        let owner = "0b8f5a3e-1111-4222-8333-944455556666";
        let name_of = |id: &str| (id == owner).then(|| "王芳".to_owned());
        let changes = json!({"from": "prospect", "to": "active", "reason": "首单", "owner_id": owner, "active": false});
        let lines = change_lines(&changes, Locale::Zh, &name_of);
        assert!(lines.contains(&"原值：潜在客户".to_owned()), "{lines:?}");
        assert!(lines.contains(&"新值：活跃客户".to_owned()));
        assert!(lines.contains(&"负责人：王芳".to_owned()));
        assert!(lines.contains(&"启用：否".to_owned()));
        assert!(lines.contains(&"原因：首单".to_owned()));
    }

    #[test]
    fn unknown_fields_show_their_key_and_long_values_are_cut() {
        let changes = json!({"extra_field": "x".repeat(200), "nested": {"a": 1}});
        let lines = change_lines(&changes, Locale::En, &nobody);
        assert_eq!(lines[0], format!("extra_field: {}…", "x".repeat(VALUE_CHARS)));
        assert_eq!(lines[1], r#"nested: {"a":1}"#);
        assert!(change_lines(&json!({}), Locale::Zh, &nobody).is_empty());
    }

    #[test]
    fn every_action_and_record_kind_has_both_languages() {
        for table in [AUDIT_ACTIONS, AUDIT_ENTITIES, FIELDS] {
            for (code, zh, en) in table {
                assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{code}");
                assert_eq!(table.iter().filter(|(other, ..)| other == code).count(), 1, "{code} twice");
            }
        }
        assert_eq!(audit_action_label("ticket.status_change", Locale::Zh), Some("变更工单状态"));
        assert_eq!(audit_action_label("webhook.create", Locale::Zh), None);
        assert_eq!(audit_entity_label("business_calendar", Locale::En), Some("Business calendar"));
    }
}
