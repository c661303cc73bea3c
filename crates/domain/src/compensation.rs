//! Compensation limits: how much a role may give before a manager must
//! approve, and whether a new compensation is within them.

use kehu_types::{ApprovalReason, CompensationKind, CompensationLimit, CompensationLimits, Role, field_codes as fc};

use crate::validate::{Errors, MONEY_MAX};

/// The most limits one settings document may hold.
pub const LIMITS_MAX: usize = 200;

/// The roles that have limits: admins give without one, viewers give nothing.
pub fn has_limits(role: Role) -> bool {
    matches!(role, Role::Agent | Role::Manager)
}

/// The limit of `role` for `kind` in `currency` (`None` for points and
/// pieces), if one is set.
pub fn limit_for<'a>(
    limits: &'a CompensationLimits,
    role: Role,
    kind: CompensationKind,
    currency: Option<&str>,
) -> Option<&'a CompensationLimit> {
    limits.limits.iter().find(|limit| limit.role == role && limit.kind == kind && limit.currency.as_deref() == currency)
}

/// Why a compensation of `amount` by `role` must wait for approval, when the
/// customer was already given `given_in_30_days` of the same kind and
/// currency (approved or waiting); `None` when it may take effect at once.
pub fn approval_needed(
    limits: &CompensationLimits,
    role: Role,
    kind: CompensationKind,
    currency: Option<&str>,
    amount: i64,
    given_in_30_days: i64,
) -> Option<ApprovalReason> {
    // Admins give without a limit; any other role without one of its own
    // (a viewer never gets this far) waits for approval.
    if role == Role::Admin {
        return None;
    }
    let Some(limit) = limit_for(limits, role, kind, currency) else {
        return Some(ApprovalReason::NoLimit);
    };
    if amount > limit.per_compensation {
        Some(ApprovalReason::PerCompensation)
    } else if given_in_30_days.saturating_add(amount) > limit.per_customer_30_days {
        Some(ApprovalReason::PerCustomer30Days)
    } else {
        None
    }
}

/// The settings' errors, each named by its place (`limits[2].currency`).
pub fn check_limits(settings: &CompensationLimits) -> Errors {
    let mut errors = Errors::default();
    if settings.limits.len() > LIMITS_MAX {
        errors.add("limits", fc::TOO_MANY, format!("at most {LIMITS_MAX} limits"));
    }
    let mut seen: Vec<(Role, CompensationKind, Option<String>)> = Vec::new();
    for (index, limit) in settings.limits.iter().enumerate() {
        let field = |name: &str| format!("limits[{index}].{name}");
        if !has_limits(limit.role) {
            errors.add(field("role"), fc::NOT_ALLOWED, "limits are set for agents and managers; admins have none");
        }
        let currency = match (limit.kind, limit.currency.as_deref()) {
            (CompensationKind::Points, Some(_)) => {
                errors.add(field("currency"), fc::NOT_ALLOWED, "points carry no currency");
                None
            }
            (CompensationKind::Refund | CompensationKind::Coupon, None) => {
                errors.add(field("currency"), fc::REQUIRED, "give the ISO 4217 currency, e.g. CNY");
                None
            }
            (_, Some(code)) => Some(errors.currency(&field("currency"), code)),
            (_, None) => None,
        };
        for (name, value) in
            [("per_compensation", limit.per_compensation), ("per_customer_30_days", limit.per_customer_30_days)]
        {
            if !(0..=MONEY_MAX).contains(&value) {
                errors.add(field(name), fc::OUT_OF_RANGE, format!("must be between 0 and {MONEY_MAX}"));
            }
        }
        if limit.per_customer_30_days < limit.per_compensation {
            errors.add(field("per_customer_30_days"), fc::OUT_OF_RANGE, "must be at least the limit per compensation");
        }
        let key = (limit.role, limit.kind, currency);
        if seen.contains(&key) {
            errors.add(field("kind"), fc::DUPLICATE, "this role already has a limit for this kind and currency");
        }
        seen.push(key);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(role: Role, kind: CompensationKind, currency: Option<&str>, each: i64, month: i64) -> CompensationLimits {
        CompensationLimits {
            limits: vec![CompensationLimit {
                role,
                kind,
                currency: currency.map(str::to_owned),
                per_compensation: each,
                per_customer_30_days: month,
            }],
        }
    }

    #[test]
    fn at_the_limit_is_within_and_one_more_needs_approval() {
        let limits = one(Role::Agent, CompensationKind::Refund, Some("CNY"), 20_000, 50_000);
        let ask =
            |amount, given| approval_needed(&limits, Role::Agent, CompensationKind::Refund, Some("CNY"), amount, given);
        assert_eq!(ask(19_999, 0), None);
        assert_eq!(ask(20_000, 0), None);
        assert_eq!(ask(20_001, 0), Some(ApprovalReason::PerCompensation));
        assert_eq!(ask(20_000, 30_000), None);
        assert_eq!(ask(20_000, 30_001), Some(ApprovalReason::PerCustomer30Days));
        assert_eq!(ask(1, i64::MAX), Some(ApprovalReason::PerCustomer30Days));
    }

    #[test]
    fn a_missing_limit_means_approval_and_admins_have_none() {
        let limits = one(Role::Agent, CompensationKind::Refund, Some("CNY"), 20_000, 50_000);
        let usd = approval_needed(&limits, Role::Agent, CompensationKind::Refund, Some("USD"), 1, 0);
        assert_eq!(usd, Some(ApprovalReason::NoLimit));
        let manager = approval_needed(&limits, Role::Manager, CompensationKind::Refund, Some("CNY"), 1, 0);
        assert_eq!(manager, Some(ApprovalReason::NoLimit));
        let points = approval_needed(&limits, Role::Agent, CompensationKind::Points, None, 1, 0);
        assert_eq!(points, Some(ApprovalReason::NoLimit));
        assert_eq!(approval_needed(&limits, Role::Admin, CompensationKind::Refund, Some("USD"), MONEY_MAX, 0), None);
    }

    #[test]
    fn the_defaults_pass_their_own_checks() {
        assert!(check_limits(&CompensationLimits::default()).finish(()).is_ok());
        let defaults = CompensationLimits::default();
        let agent = approval_needed(&defaults, Role::Agent, CompensationKind::Refund, Some("CNY"), 9_999_900, 0);
        assert_eq!(agent, Some(ApprovalReason::PerCompensation));
    }

    #[test]
    fn bad_limits_are_named_by_their_place() {
        let mut limits = one(Role::Admin, CompensationKind::Points, Some("CNY"), 10, 5).limits;
        limits.push(one(Role::Agent, CompensationKind::Refund, None, -1, 0).limits.remove(0));
        limits.push(limits[1].clone());
        let fields: Vec<String> = match check_limits(&CompensationLimits { limits }).finish(()) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        };
        for expected in [
            "limits[0].role",
            "limits[0].currency",
            "limits[0].per_customer_30_days",
            "limits[1].currency",
            "limits[1].per_compensation",
            "limits[2].kind",
        ] {
            assert!(fields.iter().any(|f| f == expected), "{expected} in {fields:?}");
        }
    }

    fn fields(limits: Vec<CompensationLimit>) -> Vec<String> {
        match check_limits(&CompensationLimits { limits }).finish(()) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn each_bound_holds_at_its_edge() {
        let at = |each, month| one(Role::Agent, CompensationKind::Points, None, each, month).limits;
        assert!(fields(at(0, 0)).is_empty());
        assert!(fields(at(MONEY_MAX, MONEY_MAX)).is_empty());
        assert!(fields(at(100, 100)).is_empty(), "a month's limit may equal one compensation's");
        assert_eq!(fields(at(100, 99)), vec!["limits[0].per_customer_30_days"]);
        assert_eq!(fields(at(-1, 0)), vec!["limits[0].per_compensation"]);
        assert_eq!(fields(at(0, MONEY_MAX + 1)), vec!["limits[0].per_customer_30_days"]);
    }

    #[test]
    fn at_most_the_maximum_number_of_limits() {
        let many = |count: usize| at_count(count).into_iter().collect::<Vec<_>>();
        assert!(!fields(many(LIMITS_MAX)).iter().any(|f| f == "limits"));
        assert!(fields(many(LIMITS_MAX + 1)).iter().any(|f| f == "limits"));
    }

    /// `count` limits (most of them duplicates, which is beside the point here).
    fn at_count(count: usize) -> Vec<CompensationLimit> {
        let template = one(Role::Manager, CompensationKind::Gift, None, 1, 2).limits.remove(0);
        vec![template; count]
    }

    #[test]
    fn managers_have_limits_and_viewers_none() {
        assert!(has_limits(Role::Agent) && has_limits(Role::Manager));
        assert!(!has_limits(Role::Admin) && !has_limits(Role::Viewer));
        let limits = one(Role::Agent, CompensationKind::Gift, None, 1, 1);
        let viewer = approval_needed(&limits, Role::Viewer, CompensationKind::Gift, None, 1, 0);
        assert_eq!(viewer, Some(ApprovalReason::NoLimit));
        let gifts = one(Role::Manager, CompensationKind::Gift, None, 1, 2);
        assert_eq!(approval_needed(&gifts, Role::Manager, CompensationKind::Gift, None, 1, 1), None);
        assert_eq!(
            approval_needed(&gifts, Role::Manager, CompensationKind::Gift, None, 1, 2),
            Some(ApprovalReason::PerCustomer30Days)
        );
    }
}
