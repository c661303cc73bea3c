//! Numbers and amounts as settings forms read and show them.

use crate::i18n::format_amount;

/// A number typed in a settings field; `-1` (refused by the server with the
/// field named) when it is not one.
pub fn number(text: &str) -> i64 {
    text.trim().parse().unwrap_or(-1)
}

/// A settings amount as typed back in, in the business currency (`2000.00`).
pub fn shown(amount: i64, currency: &str) -> String {
    format_amount(amount, Some(currency))
}
