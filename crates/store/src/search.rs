//! How customer text is written for search, and how a query is folded to
//! find it: the same folding on both sides, so the trigram indexes and the
//! digit keys (`digit_keys`) answer what a plain substring search would.

use kehu_domain::text::to_half_width;

/// Fold a search query the way `search_text` is folded. Queries made only of
/// digits and phone punctuation lose the punctuation, so `138 1234` finds
/// `+8613812345678`.
pub fn fold_query(q: &str) -> Option<String> {
    let folded = to_half_width(q).trim().to_lowercase();
    let phone_like = folded.chars().any(|c| c.is_ascii_digit())
        && folded.chars().all(|c| c.is_ascii_digit() || " -()+.".contains(c));
    let folded = if phone_like { folded.chars().filter(char::is_ascii_digit).collect() } else { folded };
    (!folded.is_empty()).then_some(folded)
}

/// Every character beyond ASCII written twice. A two-character Chinese name
/// then spans four characters, enough for the trigram indexes (SQLite's FTS5
/// trigram tokenizer, PostgreSQL's pg_trgm) to find it; a query written the
/// same way is a substring of a written text exactly when the query was a
/// substring of the text, since no doubled character equals a single one.
pub fn double_wide(text: &str) -> String {
    let mut doubled = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        doubled.push(c);
        if !c.is_ascii() {
            doubled.push(c);
        }
    }
    doubled
}

/// What `q` looks for in `search_text`: [`fold_query`], written as
/// [`double_wide`] like the text it searches.
pub fn search_key(q: &str) -> Option<String> {
    fold_query(q).map(|folded| double_wide(&folded))
}

/// The text `q` searches: names, company, emails and phones (also without
/// country code, as people type them), lower-cased and [`double_wide`].
pub fn search_text(name: &str, company_name: Option<&str>, emails: &[String], phones: &[String]) -> String {
    let mut parts: Vec<String> = vec![name.to_lowercase()];
    parts.extend(company_name.map(str::to_lowercase));
    parts.extend(emails.iter().cloned());
    for phone in phones {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if let Some(national) = digits.strip_prefix("86") {
            parts.push(national.to_owned());
        }
        parts.push(digits);
    }
    double_wide(&parts.join(" \u{1f} "))
}

/// A `LIKE` pattern finding `text` anywhere, its wildcards escaped with `\\`
/// (use it with `ESCAPE '\\'`).
pub fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 2);
    escaped.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped.push('%');
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_like_queries_drop_punctuation() {
        assert_eq!(fold_query(" 138 1234 "), Some("1381234".into()));
        assert_eq!(fold_query("明华"), Some("明华".into()));
        assert_eq!(fold_query("ＬＩ"), Some("li".into()));
        assert_eq!(fold_query("  "), None);
    }

    #[test]
    fn search_text_has_national_phone_form() {
        let text = search_text("李明华", Some("华为"), &["li@example.com".into()], &["+8613812345678".into()]);
        assert!(text.contains("13812345678") && text.contains("8613812345678"));
        assert!(text.contains(&search_key("华为").unwrap_or_default()));
    }

    #[test]
    fn doubled_text_finds_exactly_what_the_plain_text_holds() {
        assert_eq!(search_key("明华 Li"), Some("明明华华 li".into()));
        let text = search_text("李明华", Some("华华科技"), &[], &[]);
        for (query, found) in [("明华", true), ("李明", true), ("华华", true), ("华华华", false), ("李华", false)]
        {
            let key = search_key(query).unwrap_or_default();
            assert_eq!(text.contains(&key), found, "{query}");
        }
    }

    #[test]
    fn like_metacharacters_are_escaped() {
        assert_eq!(escape_like("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
