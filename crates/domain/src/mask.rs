//! Masking of contact details for read-only viewers: enough to recognise a
//! customer on the phone, not enough to copy their details out.

/// `li.minghua@example.com` → `l***@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// `+8613812345678` → `+86138****5678`: keeps the first three national digits
/// (carrier prefix) and the last four.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    let keep_head = if phone.starts_with("+86") { 6 } else { chars.len().min(4) };
    if chars.len() <= keep_head + 4 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..keep_head].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - keep_head - 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_only_recognisable_parts() {
        assert_eq!(mask_email("li.minghua@example.com"), "l***@example.com");
        assert_eq!(mask_phone("+8613812345678"), "+86138****5678");
        assert_eq!(mask_phone("+14155550100"), "+141****0100");
        assert_eq!(mask_phone("+1234"), "*****");
    }

    #[test]
    fn masks_at_their_shortest() {
        assert_eq!(mask_email("nope"), "***");
        assert_eq!(mask_email("@example.com"), "***@example.com");
        assert_eq!(mask_email("李明@example.cn"), "李***@example.cn");
        // A mainland number keeps +86 and three digits, the last four and
        // nothing when only that much is left.
        assert_eq!(mask_phone("+861381234"), "**********");
        assert_eq!(mask_phone("+8613812345"), "+86138*2345");
        assert_eq!(mask_phone("+1234567"), "********");
        assert_eq!(mask_phone("+12345678"), "+123*5678");
        assert_eq!(mask_phone("+123456789"), "+123**6789");
        assert_eq!(mask_phone("123"), "***");
        assert_eq!(mask_phone(""), "");
    }
}
