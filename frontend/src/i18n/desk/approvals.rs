//! The texts of compensation approvals in both languages: statuses, why a
//! compensation waits, the decision and the queue.

use kehu_types::{ApprovalReason, CompensationStatus};

use crate::i18n::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    Queue,
    QueueHint,
    NoneWaiting,
    Approve,
    Reject,
    DecisionReason,
    DecisionReasonHint,
    Approved,
    Rejected,
    Requested,
    RequestedBy,
    DecidedBy,
    Ticket,
    OwnRequest,
    Limits,
    LimitsHint,
    Role,
    Kind,
    Currency,
    Pieces,
    NoCurrency,
    PerCompensation,
    PerCustomer30Days,
    AddLimit,
    RemoveLimit,
    NoLimits,
}

impl Approval {
    pub fn text(self, locale: Locale) -> &'static str {
        use Approval::*;
        let (zh, en) = match self {
            Queue => ("待审批补偿", "Compensation approvals"),
            QueueHint => (
                "超出经办人额度的补偿在经理或管理员批准后才生效。",
                "Compensation above its giver's limits takes effect only once a manager or admin approves it.",
            ),
            NoneWaiting => ("没有待审批的补偿", "Nothing waits for approval"),
            Approve => ("批准", "Approve"),
            Reject => ("驳回", "Reject"),
            DecisionReason => ("审批意见", "Reason"),
            DecisionReasonHint => ("批准或驳回都需填写原因", "A reason is needed to approve or reject"),
            Approved => ("已批准，补偿已生效", "Approved: the compensation took effect"),
            Rejected => ("已驳回", "Rejected"),
            Requested => ("已提交，等待经理审批", "Sent for a manager's approval"),
            RequestedBy => ("申请人", "Requested by"),
            DecidedBy => ("审批人", "Decided by"),
            Ticket => ("工单", "Ticket"),
            OwnRequest => ("自己的申请需由其他经理审批", "Another manager must decide your own request"),
            Limits => ("补偿额度", "Compensation limits"),
            LimitsHint => (
                "坐席和经理在额度内给出的补偿立即生效；超出额度或未设额度的补偿需经理或管理员批准。管理员不受额度限制。",
                "Agents and managers give compensation within these limits at once; above them, or where no limit is set, a manager or admin must approve. Admins have no limit.",
            ),
            Role => ("角色", "Role"),
            Kind => ("补偿类型", "Kind"),
            Currency => ("币种", "Currency"),
            Pieces => ("按件计", "In pieces"),
            NoCurrency => ("不涉及", "None"),
            PerCompensation => ("单笔上限", "Most per compensation"),
            PerCustomer30Days => ("每位客户 30 天上限", "Most per customer in 30 days"),
            AddLimit => ("添加额度", "Add a limit"),
            RemoveLimit => ("删除此额度", "Remove this limit"),
            NoLimits => (
                "未设任何额度：坐席和经理的每笔补偿都需审批。",
                "No limits: every compensation by an agent or manager needs approval.",
            ),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

pub fn compensation_status_label(status: CompensationStatus, locale: Locale) -> &'static str {
    let (zh, en) = match status {
        CompensationStatus::Requested => ("待审批", "Awaiting approval"),
        CompensationStatus::Approved => ("已生效", "Approved"),
        CompensationStatus::Rejected => ("已驳回", "Rejected"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn approval_reason_label(reason: ApprovalReason, locale: Locale) -> &'static str {
    let (zh, en) = match reason {
        ApprovalReason::NoLimit => ("该角色未设此类补偿的额度", "No limit is set for this role, kind and currency"),
        ApprovalReason::PerCompensation => ("超出单笔额度", "Above the limit per compensation"),
        ApprovalReason::PerCustomer30Days => ("超出该客户 30 天额度", "Above the customer's 30-day limit"),
    };
    if locale == Locale::Zh { zh } else { en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_approval_text_differs_between_languages() {
        for status in CompensationStatus::ALL {
            assert_ne!(compensation_status_label(*status, Locale::Zh), compensation_status_label(*status, Locale::En));
        }
        for reason in ApprovalReason::ALL {
            assert_ne!(approval_reason_label(*reason, Locale::Zh), approval_reason_label(*reason, Locale::En));
        }
        for msg in [Approval::Queue, Approval::Approve, Approval::Reject, Approval::Requested] {
            assert_ne!(msg.text(Locale::Zh), msg.text(Locale::En));
        }
    }
}
