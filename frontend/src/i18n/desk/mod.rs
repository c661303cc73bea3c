//! The service desk's texts in both languages: messages and the labels of
//! ticket statuses, types, priorities, queues, events and compensation kinds;
//! compensation approvals and business calendars in their own files.

use kehu_types::{
    CompensationKind, NotificationKind, Priority, SlaEvent, SlaMetric, SlaMetricState, TaskKind, TicketEventKind,
    TicketStatus, TicketType, TicketView,
};

use super::Locale;

mod approvals;
mod calendars;

pub use approvals::{Approval, approval_reason_label, compensation_status_label};
pub use calendars::{Calendars, due_zone_note, schedule_line_error, weekday_label};

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
    Sla,
    NoSla,
    Policy,
    Due,
    Target,
    Ledger,
    Overdue,
    Left,
    Breached,
    Warned,
    Notifications,
    NoNotifications,
    MarkAllRead,
    Minutes,
    HelpCentre,
    ContactUs,
    Message,
    EmailOrPhone,
    RequestReceived,
    YourNumber,
    WeWillAnswer,
    NeedHelp,
    Tasks,
    MyTasks,
    OverdueTasks,
    DueToday,
    DoneTasks,
    NewTask,
    Title,
    DueAt,
    Notes,
    NoTasks,
    TaskAdded,
    TaskDone,
    TaskReopened,
    FollowUps,
    TeamLead,
    SettingsTab,
    PolicyOrder,
    Applies,
    FirstResponseMinutes,
    ResolutionMinutes,
    Hours,
    CategoryName,
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
            Amount => ("金额（如 20.50）或积分数", "Amount (e.g. 20.50) or points"),
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
            Sla => ("服务时效（SLA）", "Service level (SLA)"),
            NoSla => ("没有适用的 SLA 策略", "No SLA policy applies"),
            Policy => ("策略", "Policy"),
            Due => ("截止", "Due"),
            Target => ("目标", "Target"),
            Ledger => ("时效记录", "SLA ledger"),
            Overdue => ("超时", "overdue"),
            Left => ("剩余", "left"),
            Breached => ("已超时", "Breached"),
            Warned => ("已预警", "Warned"),
            Notifications => ("通知", "Notifications"),
            NoNotifications => ("没有新通知", "Nothing new"),
            MarkAllRead => ("全部标为已读", "Mark all read"),
            Minutes => ("分钟", "min"),
            HelpCentre => ("客户服务中心", "Help centre"),
            ContactUs => ("提交服务请求", "Contact us"),
            Message => ("详细描述", "Message"),
            EmailOrPhone => {
                ("邮箱和电话至少填写一项，以便我们回复您。", "Give an email or a phone number so we can answer.")
            }
            RequestReceived => ("我们已收到您的请求", "We have your request"),
            YourNumber => ("您的工单编号：", "Your reference number:"),
            WeWillAnswer => (
                "客服人员会尽快与您联系。咨询进度时请提供此编号。",
                "We will be in touch soon. Quote this number when you ask about it.",
            ),
            NeedHelp => ("不是员工？提交服务请求", "Not staff? Contact us"),
            Tasks => ("任务", "Tasks"),
            MyTasks => ("我的待办", "My open tasks"),
            OverdueTasks => ("已逾期", "Overdue"),
            DueToday => ("今天到期", "Due today"),
            DoneTasks => ("已完成", "Done"),
            NewTask => ("新建跟进任务", "New follow-up task"),
            Title => ("标题", "Title"),
            DueAt => ("截止时间", "Due"),
            Notes => ("备注", "Notes"),
            NoTasks => ("没有任务", "No tasks"),
            TaskAdded => ("任务已添加", "Task added"),
            TaskDone => ("任务已完成", "Task done"),
            TaskReopened => ("任务已重新打开", "Task reopened"),
            FollowUps => ("跟进任务", "Follow-up tasks"),
            TeamLead => ("组长", "Team lead"),
            SettingsTab => ("服务台", "Service desk"),
            PolicyOrder => (
                "按顺序匹配，第一条符合的策略生效；时限单位为分钟。",
                "Tried in order; the first that matches applies. Targets are in minutes.",
            ),
            Applies => ("适用于", "Applies to"),
            FirstResponseMinutes => ("首次响应（分钟）", "First response (min)"),
            ResolutionMinutes => ("解决时限（分钟）", "Resolution (min)"),
            Hours => ("计时方式", "Hours"),
            CategoryName => ("名称", "Name"),
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
        BreachingSoon => pick(locale, "即将超时", "Breaching soon"),
        Breached => pick(locale, "已超时", "Breached"),
    }
}

pub fn metric_label(metric: SlaMetric, locale: Locale) -> &'static str {
    match metric {
        SlaMetric::FirstResponse => pick(locale, "首次响应", "First response"),
        SlaMetric::NextResponse => pick(locale, "再次响应", "Next response"),
        SlaMetric::Resolution => pick(locale, "解决时限", "Resolution"),
    }
}

pub fn metric_state_label(state: SlaMetricState, locale: Locale) -> &'static str {
    match state {
        SlaMetricState::Running => pick(locale, "计时中", "Running"),
        SlaMetricState::Paused => pick(locale, "已暂停", "Paused"),
        SlaMetricState::Fulfilled => pick(locale, "已达成", "Met"),
        SlaMetricState::Cancelled => pick(locale, "不再计时", "Not measured"),
    }
}

pub fn sla_event_label(event: SlaEvent, locale: Locale) -> &'static str {
    match event {
        SlaEvent::Start => pick(locale, "开始计时", "Started"),
        SlaEvent::Pause => pick(locale, "暂停", "Paused"),
        SlaEvent::Resume => pick(locale, "恢复计时", "Resumed"),
        SlaEvent::Fulfil => pick(locale, "达成", "Met"),
        SlaEvent::Warn => pick(locale, "预警", "Warning"),
        SlaEvent::Breach => pick(locale, "超时", "Breached"),
        SlaEvent::Cancel => pick(locale, "取消计时", "Stopped"),
        SlaEvent::Recompute => pick(locale, "重新计算", "Recomputed"),
    }
}

pub fn task_kind_label(kind: TaskKind, locale: Locale) -> &'static str {
    match kind {
        TaskKind::Call => pick(locale, "电话", "Call"),
        TaskKind::Email => pick(locale, "邮件", "Email"),
        TaskKind::Visit => pick(locale, "拜访", "Visit"),
        TaskKind::Review => pick(locale, "复核", "Review"),
        TaskKind::Other => pick(locale, "其他", "Other"),
    }
}

pub fn notification_label(kind: NotificationKind, locale: Locale) -> &'static str {
    match kind {
        NotificationKind::Assigned => pick(locale, "分配给您", "Assigned to you"),
        NotificationKind::Transferred => pick(locale, "转交给您", "Transferred to you"),
        NotificationKind::Escalated => pick(locale, "升级给您", "Escalated to you"),
        NotificationKind::SlaWarning => pick(locale, "SLA 预警", "SLA warning"),
        NotificationKind::SlaBreach => pick(locale, "SLA 超时", "SLA breached"),
        NotificationKind::Mentioned => pick(locale, "有人提到了您", "You were mentioned"),
        NotificationKind::TaskAssigned => pick(locale, "新的跟进任务", "A task for you"),
        NotificationKind::CompensationRequested => pick(locale, "补偿待您审批", "Compensation to approve"),
        NotificationKind::CompensationDecided => pick(locale, "补偿申请已审批", "Your compensation was decided"),
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
        CompensationDecided => pick(locale, "补偿审批", "Compensation decided"),
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
