//! Text cleaning shared by every input path (forms, API, imports).

/// Fold full-width ASCII forms (what Chinese input methods type: `１３８`, `＠`,
/// `．`) and the ideographic space to their half-width equivalents.
pub fn to_half_width(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trim and collapse inner runs of whitespace to one space. `None` when nothing
/// is left, so an all-blank optional field reads as "not given".
pub fn clean_line(input: &str) -> Option<String> {
    let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
    (!collapsed.is_empty()).then_some(collapsed)
}

/// Whether `input` holds control characters other than line breaks and tabs:
/// NUL and friends cannot be stored in PostgreSQL text and never belong in a
/// CRM field.
pub fn has_control_chars(input: &str) -> bool {
    input.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Length in characters (not bytes), the unit all limits are stated in.
pub fn char_len(input: &str) -> usize {
    input.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_symbols_fold() {
        assert_eq!(to_half_width("１３８ １２３４\u{3000}５６７８"), "138 1234 5678");
        assert_eq!(to_half_width("ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ"), "li@example.com");
        assert_eq!(to_half_width("李明华"), "李明华");
        assert_eq!(to_half_width("！～\u{FF00}\u{FF5F}"), "!~\u{FF00}\u{FF5F}");
    }

    #[test]
    fn clean_line_collapses_and_drops_blank() {
        assert_eq!(clean_line("  李  明华 \n"), Some("李 明华".to_owned()));
        assert_eq!(clean_line(" \t "), None);
        assert_eq!(clean_line("x"), Some("x".to_owned()));
    }

    #[test]
    fn control_characters_are_detected() {
        assert!(has_control_chars("a\0b"));
        assert!(has_control_chars("\u{1b}[31m"));
        assert!(!has_control_chars("第一行\n第二行\tend"));
        assert!(!has_control_chars("plain"));
        assert!(!has_control_chars("\r\n"));
        assert!(has_control_chars("\u{7f}"));
    }

    #[test]
    fn char_len_counts_cjk_as_one() {
        assert_eq!(char_len("李明华"), 3);
        assert_eq!(char_len(""), 0);
        assert_eq!(char_len("a李\n"), 3);
    }
}
