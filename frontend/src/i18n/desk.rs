//! The service desk's texts in both languages: messages and the labels of
//! ticket statuses, types, priorities, queues, events and compensation kinds.

use kehu_types::{CompensationKind, Priority, TicketEventKind, TicketStatus, TicketType, TicketView};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    Tickets,
    NewTicket,
    TicketSearch,
    AllTickets,
    AnyStatus,
    AnyType,
    AnyPriority,
    OpenOnly,
    Number,
    Subject,
    Description,
    Customer,
    Type,
    Priority,
    Category,
    Channel,
    Assignee,
    Unassigned,
    Escalation,
    NoTickets,
    NoTicketsHint,
    TicketCreated,
    StatusChanged,
    MoveTo,
    Note,
    ResolutionSummary,
    RootCause,
    Assign,
    HandOffNote,
    Assigned,
    Level,
    EscalationReason,
    TakesOver,
    Escalated,
    Compensate,
    Compensations,
    NoCompensations,
    Amount,
    Currency,
    CompensationAdded,
    Conversation,
    Reply,
    InternalNote,
    CustomerMessage,
    Send,
    MessageSent,
    WriteMessage,
    FindCustomer,
    TicketsOfCustomer,
    FirstResponse,
    Reopen,
    System,
    Changed,
}

impl Desk {
    pub fn text(self, locale: Locale) -> &'static str {
        use Desk::*;
        let (zh, en) = match self {
            Tickets => ("工单", "Tickets"),
            NewTicket => ("新建工单", "New ticket"),
            TicketSearch => ("搜索编号、主题或对话内容", "Search number, subject or conversation"),
            AllTickets => ("全部工单", "All tickets"),
            AnyStatus => ("全部状态", "Any status"),
            AnyType => ("全部类型", "Any type"),
            AnyPriority => ("全部优先级", "Any priority"),
            OpenOnly => ("仅未解决", "Open only"),
            Number => ("编号", "Number"),
            Subject => ("主题", "Subject"),
            Description => ("描述", "Description"),
            Customer => ("客户", "Customer"),
            Type => ("类型", "Type"),
            Priority => ("优先级", "Priority"),
            Category => ("分类", "Category"),
            Channel => ("渠道", "Channel"),
            Assignee => ("处理人", "Owner"),
            Unassigned => ("未分配", "Unassigned"),
            Escalation => ("升级级别", "Escalation"),
            NoTickets => ("没有工单", "No tickets"),
            NoTicketsHint => ("换个视图或清除筛选条件试试。", "Try another queue or clear the filters."),
            TicketCreated => ("工单已创建", "Ticket created"),
            StatusChanged => ("工单状态已更新", "Ticket status changed"),
            MoveTo => ("变更为", "Move to"),
            Note => ("备注", "Note"),
            ResolutionSummary => ("处理结果", "Resolution summary"),
            RootCause => ("根本原因", "Root cause"),
            Assign => ("分配", "Assign"),
            HandOffNote => ("交接说明", "Hand-off note"),
            Assigned => ("工单已分配", "Ticket assigned"),
            Level => ("级别", "Level"),
            EscalationReason => ("升级原因", "Reason"),
            TakesOver => ("接手人", "Taken over by"),
            Escalated => ("升级级别已更新", "Escalation changed"),
            Compensate => ("补偿", "Compensate"),
            Compensations => ("补偿记录", "Compensation"),
            NoCompensations => ("暂无补偿", "No compensation given"),
            Amount => ("金额（元）或积分数", "Amount (e.g. 20.50) or points"),
            Currency => ("币种", "Currency"),
            CompensationAdded => ("补偿已记录", "Compensation recorded"),
            Conversation => ("处理记录", "Conversation"),
            Reply => ("回复客户", "Reply"),
            InternalNote => ("内部备注", "Internal note"),
            CustomerMessage => ("客户来信", "Customer message"),
            Send => ("发送", "Send"),
            MessageSent => ("已添加", "Added"),
            WriteMessage => {
                ("输入内容…（备注中可用 @姓名 提及同事）", "Write… (mention a colleague with @Name in a note)")
            }
            FindCustomer => ("搜索客户", "Find a customer"),
            TicketsOfCustomer => ("相关工单", "Tickets"),
            FirstResponse => ("首次响应", "First response"),
            Reopen => ("重新打开", "Reopen"),
            System => ("系统", "System"),
            Changed => ("修改了", "Changed"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

fn pick(locale: Locale, zh: &'static str, en: &'static str) -> &'static str {
    if locale == Locale::Zh { zh } else { en }
}

pub fn status_label(status: TicketStatus, locale: Locale) -> &'static str {
    use TicketStatus::*;
    match status {
        New => pick(locale, "新建", "New"),
        Triaged => pick(locale, "已分类", "Triaged"),
        InProgress => pick(locale, "处理中", "In progress"),
        AwaitingCustomer => pick(locale, "等待客户", "Awaiting customer"),
        Resolved => pick(locale, "已解决", "Resolved"),
        Closed => pick(locale, "已关闭", "Closed"),
    }
}

pub fn type_label(kind: TicketType, locale: Locale) -> &'static str {
    use TicketType::*;
    match kind {
        Complaint => pick(locale, "投诉", "Complaint"),
        Inquiry => pick(locale, "咨询", "Inquiry"),
        Request => pick(locale, "需求", "Request"),
        Feedback => pick(locale, "建议反馈", "Feedback"),
    }
}

pub fn priority_label(priority: Priority, locale: Locale) -> &'static str {
    use Priority::*;
    match priority {
        Low => pick(locale, "低", "Low"),
        Normal => pick(locale, "普通", "Normal"),
        High => pick(locale, "高", "High"),
        Urgent => pick(locale, "紧急", "Urgent"),
    }
}

pub fn view_label(view: TicketView, locale: Locale) -> &'static str {
    use TicketView::*;
    match view {
        Mine => pick(locale, "我的工单", "Mine"),
        Team => pick(locale, "本组工单", "My team"),
        Unassigned => pick(locale, "待分配", "Unassigned"),
        Escalated => pick(locale, "已升级", "Escalated"),
    }
}

pub fn level_label(level: i16, locale: Locale) -> &'static str {
    match level {
        0 => pick(locale, "0 · 客服", "0 · Agent"),
        1 => pick(locale, "1 · 组长", "1 · Team lead"),
        2 => pick(locale, "2 · 经理", "2 · Manager"),
        _ => pick(locale, "3 · 高管", "3 · Executive"),
    }
}

pub fn event_label(kind: TicketEventKind, locale: Locale) -> &'static str {
    use TicketEventKind::*;
    match kind {
        Created => pick(locale, "创建工单", "Ticket opened"),
        Reply => pick(locale, "回复客户", "Reply"),
        Note => pick(locale, "内部备注", "Internal note"),
        CustomerMessage => pick(locale, "客户来信", "Customer message"),
        StatusChanged => pick(locale, "状态变更", "Status"),
        Assigned => pick(locale, "分配", "Assigned"),
        Transferred => pick(locale, "转交", "Transferred"),
        Escalated => pick(locale, "升级", "Escalated"),
        Deescalated => pick(locale, "降级", "De-escalated"),
        Compensation => pick(locale, "补偿", "Compensation"),
        Updated => pick(locale, "修改", "Edited"),
    }
}

pub fn compensation_label(kind: CompensationKind, locale: Locale) -> &'static str {
    use CompensationKind::*;
    match kind {
        Refund => pick(locale, "退款", "Refund"),
        Coupon => pick(locale, "优惠券", "Coupon"),
        Points => pick(locale, "积分", "Points"),
        Gift => pick(locale, "礼品", "Gift"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ticket_value_has_two_different_labels() {
        for status in TicketStatus::ALL {
            assert_ne!(status_label(*status, Locale::Zh), status_label(*status, Locale::En));
        }
        for kind in TicketType::ALL {
            assert_ne!(type_label(*kind, Locale::Zh), type_label(*kind, Locale::En));
        }
        for kind in TicketEventKind::ALL {
            assert_ne!(event_label(*kind, Locale::Zh), event_label(*kind, Locale::En));
        }
        for msg in [Desk::Tickets, Desk::NewTicket, Desk::Escalation, Desk::ResolutionSummary] {
            assert_ne!(msg.text(Locale::Zh), msg.text(Locale::En));
        }
    }
}
