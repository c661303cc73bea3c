//! The ticket process (DESIGN §6), as a state machine:
//!
//! ```text
//! new → triaged → in_progress ⇄ awaiting_customer
//!                 in_progress | awaiting_customer → resolved → closed
//!                 resolved | closed → in_progress            (reopen)
//! ```
//! Entering a state may need facts about the ticket (a category to triage, a
//! resolution summary and, for complaints, a root cause to close); those are
//! checked by [`requirements`] so the server and the web app agree.

use kehu_types::TicketStatus::{self, *};
use kehu_types::{FieldError, MAX_ESCALATION_LEVEL, TicketType, field_codes};

/// The statuses a ticket may move to from `from`, in the order a user would
/// usually take them.
pub fn allowed_next(from: TicketStatus) -> &'static [TicketStatus] {
    match from {
        New => &[Triaged],
        Triaged => &[InProgress],
        InProgress => &[AwaitingCustomer, Resolved],
        AwaitingCustomer => &[InProgress, Resolved],
        Resolved => &[Closed, InProgress],
        Closed => &[InProgress],
    }
}

/// Whether `from → to` is a step of the process.
pub fn can_move(from: TicketStatus, to: TicketStatus) -> bool {
    allowed_next(from).contains(&to)
}

/// Resolved and closed tickets are done; everything else is open work.
pub fn is_open(status: TicketStatus) -> bool {
    !matches!(status, Resolved | Closed)
}

/// Who holds a ticket escalated to `level`: at level 1 its team's lead takes
/// it over (the assignee keeps it when the team has none); higher levels
/// notify further up and leave it with whoever holds it.
pub fn escalated_assignee<Id>(level: i16, lead: Option<Id>, assignee: Option<Id>) -> Option<Id> {
    if level == 1 { lead.or(assignee) } else { assignee }
}

/// Whether `from → to` is a reopening (the customer came back after resolution).
pub fn is_reopen(from: TicketStatus, to: TicketStatus) -> bool {
    matches!(from, Resolved | Closed) && to == InProgress
}

/// The facts a ticket has (after applying the request) when it enters a status.
#[derive(Debug, Clone, Copy)]
pub struct TicketFacts<'a> {
    pub ticket_type: TicketType,
    pub has_category: bool,
    pub resolution_summary: Option<&'a str>,
    pub root_cause: Option<&'a str>,
}

/// What is missing for a ticket to enter `to`; empty when it may.
pub fn requirements(to: TicketStatus, facts: TicketFacts<'_>) -> Vec<FieldError> {
    let mut missing = Vec::new();
    let blank = |text: Option<&str>| text.is_none_or(|t| t.trim().is_empty());
    if to == Triaged && !facts.has_category {
        missing.push(FieldError::new("category_id", field_codes::REQUIRED, "triage needs a category"));
    }
    if to == Closed {
        if blank(facts.resolution_summary) {
            missing.push(FieldError::new(
                "resolution_summary",
                field_codes::REQUIRED,
                "closing needs a resolution summary",
            ));
        }
        if facts.ticket_type == TicketType::Complaint && blank(facts.root_cause) {
            missing.push(FieldError::new(
                "root_cause",
                field_codes::REQUIRED,
                "closing a complaint needs a root cause",
            ));
        }
    }
    missing
}

/// Whether an escalation request is a legal change from `current` to `target`.
pub fn escalation_change(current: i16, target: i16) -> Result<EscalationDirection, &'static str> {
    if !(0..=MAX_ESCALATION_LEVEL).contains(&target) {
        Err("the level must be between 0 and 3")
    } else if target == current {
        Err("the ticket is already at this level")
    } else if target > current {
        Ok(EscalationDirection::Up)
    } else {
        Ok(EscalationDirection::Down)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscalationDirection {
    Up,
    Down,
}

/// The human ticket number for a sequence value: `T-000123`.
pub fn format_number(sequence: i64) -> String {
    format!("T-{sequence:06}")
}

/// The sequence value of a typed ticket number (`T-000123`, `t-123`, `123`), if it is one.
pub fn parse_number(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix("T-").or_else(|| text.strip_prefix("t-")).unwrap_or(text);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// The display names mentioned with `@Name` in a note, matched against `names`
/// (longest first, so `@李明华` is not taken for `@李明`). Mentions are matched on
/// the whole display name, which may contain spaces.
pub fn mentions<'a>(body: &str, names: &'a [String]) -> Vec<&'a str> {
    let mut sorted: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    sorted.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    let mut found: Vec<&'a str> = Vec::new();
    for (at, _) in body.match_indices('@') {
        let rest = &body[at + 1..];
        if let Some(name) = sorted.iter().find(|name| rest.starts_with(name.as_str()))
            && !found.contains(&name.as_str())
        {
            found.push(name.as_str());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn facts(ticket_type: TicketType) -> TicketFacts<'static> {
        TicketFacts { ticket_type, has_category: false, resolution_summary: None, root_cause: None }
    }

    #[test]
    fn the_first_escalation_goes_to_the_lead_and_later_ones_stay() {
        assert_eq!(escalated_assignee(1, Some("lead"), Some("agent")), Some("lead"));
        assert_eq!(escalated_assignee(1, None, Some("agent")), Some("agent"));
        assert_eq!(escalated_assignee(2, Some("lead"), Some("agent")), Some("agent"));
        assert_eq!(escalated_assignee(3, Some("lead"), None::<&str>), None);
    }

    #[test]
    fn the_documented_process_is_allowed() {
        let path = [New, Triaged, InProgress, AwaitingCustomer, InProgress, Resolved, Closed, InProgress, Resolved];
        for step in path.windows(2) {
            assert!(can_move(step[0], step[1]), "{} → {}", step[0], step[1]);
        }
        assert!(can_move(AwaitingCustomer, Resolved));
    }

    #[test]
    fn skipping_steps_and_going_back_are_refused() {
        for (from, to) in
            [(New, InProgress), (New, Closed), (Triaged, Resolved), (InProgress, Closed), (Closed, Resolved)]
        {
            assert!(!can_move(from, to), "{from} → {to}");
        }
        for status in TicketStatus::ALL {
            assert!(!can_move(*status, *status));
            assert!(!can_move(*status, New), "nothing returns to new");
        }
    }

    #[test]
    fn reopening_means_back_to_work_from_a_finished_state() {
        assert!(is_reopen(Resolved, InProgress) && is_reopen(Closed, InProgress));
        assert!(!is_reopen(AwaitingCustomer, InProgress));
    }

    #[test]
    fn triage_needs_a_category_and_closing_a_summary() {
        assert_eq!(requirements(Triaged, facts(TicketType::Inquiry))[0].field, "category_id");
        let with_category = TicketFacts { has_category: true, ..facts(TicketType::Inquiry) };
        assert!(requirements(Triaged, with_category).is_empty());
        let fields: Vec<_> = requirements(Closed, facts(TicketType::Complaint)).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["resolution_summary", "root_cause"]);
        let inquiry = TicketFacts { resolution_summary: Some("已答复"), ..facts(TicketType::Inquiry) };
        assert!(requirements(Closed, inquiry).is_empty(), "only complaints need a root cause");
        let blank =
            TicketFacts { resolution_summary: Some("  "), root_cause: Some("x"), ..facts(TicketType::Complaint) };
        assert_eq!(requirements(Closed, blank).len(), 1);
    }

    #[test]
    fn escalation_moves_between_levels_zero_and_three() {
        assert_eq!(escalation_change(0, 1), Ok(EscalationDirection::Up));
        assert_eq!(escalation_change(2, 0), Ok(EscalationDirection::Down));
        assert!(escalation_change(1, 1).is_err());
        assert!(escalation_change(3, 4).is_err());
        assert!(escalation_change(0, -1).is_err());
    }

    #[test]
    fn only_resolved_and_closed_tickets_are_done() {
        for status in TicketStatus::ALL {
            assert_eq!(is_open(*status), !matches!(status, Resolved | Closed), "{status}");
        }
        assert!(is_open(New) && is_open(AwaitingCustomer));
        assert!(!is_reopen(Resolved, Closed));
        assert!(!is_reopen(InProgress, InProgress));
        assert!(!is_reopen(New, Triaged));
    }

    #[test]
    fn facts_matter_only_for_the_status_they_guard() {
        let complaint = facts(TicketType::Complaint);
        for status in [New, InProgress, AwaitingCustomer, Resolved] {
            assert!(requirements(status, complaint).is_empty(), "{status}");
        }
        // A category is needed to triage, nothing else; closing is not triage.
        let closable = TicketFacts { resolution_summary: Some("ok"), root_cause: Some("why"), ..complaint };
        assert!(requirements(Closed, closable).is_empty());
        let blank_cause = TicketFacts { root_cause: Some(" "), ..closable };
        assert_eq!(requirements(Closed, blank_cause)[0].field, "root_cause");
        assert_eq!(requirements(Closed, blank_cause).len(), 1);
    }

    #[test]
    fn escalation_levels_at_their_ends() {
        assert_eq!(escalation_change(2, MAX_ESCALATION_LEVEL), Ok(EscalationDirection::Up));
        assert_eq!(escalation_change(MAX_ESCALATION_LEVEL, 0), Ok(EscalationDirection::Down));
        assert_eq!(escalation_change(1, 0), Ok(EscalationDirection::Down));
        assert_eq!(escalation_change(0, 0), Err("the ticket is already at this level"));
        assert_eq!(escalation_change(0, MAX_ESCALATION_LEVEL + 1), Err("the level must be between 0 and 3"));
        assert_eq!(escalation_change(5, 3), Ok(EscalationDirection::Down));
    }

    #[test]
    fn ticket_numbers_have_at_most_fifteen_digits() {
        assert_eq!(parse_number("999999999999999"), Some(999_999_999_999_999));
        assert_eq!(parse_number("T-000000000000001"), Some(1));
        assert_eq!(parse_number("1000000000000000"), None);
        assert_eq!(parse_number("t-1"), Some(1));
        assert_eq!(parse_number("T-000000"), None);
        assert_eq!(parse_number("x-12"), None);
    }

    #[test]
    fn mentions_need_a_name_right_after_the_at_sign() {
        let names = vec!["Ann".to_owned(), " ".to_owned(), String::new(), "李明".to_owned()];
        assert_eq!(mentions("@Ann @nobody @ Ann", &names), ["Ann"]);
        assert_eq!(mentions("@李明@Ann", &names), ["李明", "Ann"]);
        assert!(mentions("Ann 李明 @", &names).is_empty());
    }

    #[test]
    fn numbers_format_and_parse() {
        assert_eq!(format_number(123), "T-000123");
        assert_eq!(format_number(1_234_567), "T-1234567");
        assert_eq!(parse_number("T-000123"), Some(123));
        assert_eq!(parse_number(" t-42 "), Some(42));
        assert_eq!(parse_number("42"), Some(42));
        for bad in ["", "T-", "T-12a", "0", "退款", "-5"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn mentions_prefer_the_longest_name() {
        let names = vec!["李明".to_owned(), "李明华".to_owned(), "Ann Lee".to_owned()];
        assert_eq!(mentions("请 @李明华 和 @Ann Lee 看一下, @nobody", &names), ["李明华", "Ann Lee"]);
        assert_eq!(mentions("@李明 @李明", &names), ["李明"]);
        assert!(mentions("no mentions", &names).is_empty());
    }

    fn status() -> impl Strategy<Value = TicketStatus> {
        proptest::sample::select(TicketStatus::ALL)
    }

    proptest! {
        /// From any status there is a way forward, and every walk along legal
        /// moves can still reach `closed`: no ticket gets stuck.
        #[test]
        fn every_walk_can_still_reach_closed(choices in proptest::collection::vec(0usize..4, 0..40)) {
            let mut current = New;
            for choice in choices {
                let next = allowed_next(current);
                prop_assert!(!next.is_empty());
                current = next[choice % next.len()];
            }
            let mut seen = vec![current];
            let mut frontier = vec![current];
            while let Some(status) = frontier.pop() {
                for next in allowed_next(status) {
                    if !seen.contains(next) {
                        seen.push(*next);
                        frontier.push(*next);
                    }
                }
            }
            prop_assert!(seen.contains(&Closed));
        }

        /// `can_move` and `allowed_next` agree, and reopening is the only way out of a finished state.
        #[test]
        fn moves_agree_with_the_table(from in status(), to in status()) {
            prop_assert_eq!(can_move(from, to), allowed_next(from).contains(&to));
            if can_move(from, to) && !is_open(from) && to != Closed {
                prop_assert!(is_reopen(from, to));
            }
        }
    }
}
