//! The texts of compensation approvals in both languages: statuses, why a
//! compensation waits, the decision and the queue.

use kehu_types::{ApprovalReason, CompensationStatus};

use super::Locale;

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
    LoadMore,
    OwnRequest,
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
            LoadMore => ("加载更多", "Load more"),
            OwnRequest => ("自己的申请需由其他经理审批", "Another manager must decide your own request"),
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
