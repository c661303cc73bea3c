//! Reading Rust source as text: without comments and literals, as tokens,
//! and the pieces of it that name modules (`use` trees, public items).

/// Whether the item whose first token is at `at` is declared `pub` or `pub(…)`.
pub(super) fn is_public(tokens: &[String], at: usize) -> bool {
    match at.checked_sub(1).map(|before| tokens[before].as_str()) {
        Some("pub") => true,
        Some(")") => {
            tokens[..at].iter().rposition(|t| t == "(").is_some_and(|open| open > 0 && tokens[open - 1] == "pub")
        }
        _ => false,
    }
}

/// The name of the item after a `pub` (with its `(…)` restriction and qualifiers).
pub(super) fn item_name(tokens: &[String]) -> Option<String> {
    let mut at = 0;
    if tokens.first().is_some_and(|t| t == "(") {
        at = tokens.iter().position(|t| t == ")")? + 1;
    }
    while let Some(token) = tokens.get(at) {
        let qualifier = ["async", "unsafe", "extern"].contains(&token.as_str())
            || (token == "const"
                && tokens.get(at + 1).is_some_and(|next| ["fn", "async", "unsafe"].contains(&next.as_str())));
        if !qualifier {
            break;
        }
        at += 1;
    }
    let kind = tokens.get(at)?;
    let items = ["fn", "struct", "enum", "const", "static", "type", "trait", "union", "mod"];
    if !items.contains(&kind.as_str()) {
        return None;
    }
    tokens.get(at + 1).filter(|name| is_ident(name)).cloned()
}

/// The paths a `use` brings in, each with its `as` name: `a::{b, c::{self, D}}`
/// gives `a::b`, `a::c` and `a::c::D`.
pub(super) fn use_tree(tokens: &[String]) -> Vec<(Vec<String>, Option<String>)> {
    let mut found = Vec::new();
    let mut at = 0;
    use_subtree(tokens, &mut at, &[], &mut found);
    found
}

fn use_subtree(tokens: &[String], at: &mut usize, prefix: &[String], found: &mut Vec<(Vec<String>, Option<String>)>) {
    let mut path = prefix.to_vec();
    while let Some(token) = tokens.get(*at) {
        *at += 1;
        match token.as_str() {
            "::" => {}
            "{" => {
                while tokens.get(*at).is_some_and(|t| t != "}") {
                    use_subtree(tokens, at, &path, found);
                    if tokens.get(*at).is_some_and(|t| t == ",") {
                        *at += 1;
                    }
                }
                *at += 1;
                return;
            }
            "*" => {
                path.push("*".into());
                found.push((path, None));
                return;
            }
            "self" if !path.is_empty() => {
                let alias = alias(tokens, at);
                found.push((path, alias));
                return;
            }
            name if is_ident(name) => {
                path.push(name.to_owned());
                if tokens.get(*at).is_some_and(|t| t == "::") {
                    continue;
                }
                let alias = alias(tokens, at);
                found.push((path, alias));
                return;
            }
            _ => return,
        }
    }
}

fn alias(tokens: &[String], at: &mut usize) -> Option<String> {
    if tokens.get(*at).is_some_and(|t| t == "as") {
        *at += 2;
        return tokens.get(*at - 1).cloned();
    }
    None
}

pub(super) fn is_ident(token: &str) -> bool {
    token.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Identifiers, `::`, and every other character alone.
pub(super) fn tokens(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() || c == '_' {
            let mut word = c.to_string();
            while let Some(&next) = chars.peek().filter(|n| n.is_alphanumeric() || **n == '_') {
                word.push(next);
                chars.next();
            }
            found.push(word);
        } else if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            found.push("::".into());
        } else if !c.is_whitespace() {
            found.push(c.to_string());
        }
    }
    found
}

/// The text without comments, string and character literals.
pub(super) fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    let ident = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        if c == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while at < chars.len() {
                if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
                    depth += 1;
                    at += 2;
                } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
                    depth -= 1;
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    at += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !ident(at.checked_sub(1).and_then(|b| chars.get(b)).filter(|b| **b != 'b'))
        {
            // A raw string r"…", r#"…"#: it ends at a quote followed by as many #.
            let hashes = chars[at + 1..].iter().take_while(|c| **c == '#').count();
            if chars.get(at + 1 + hashes) != Some(&'"') {
                out.push(c);
                at += 1;
                continue;
            }
            at += hashes + 2;
            while at < chars.len()
                && !(chars[at] == '"' && chars[at + 1..].iter().take(hashes).filter(|c| **c == '#').count() == hashes)
            {
                at += 1;
            }
            at += 1 + hashes;
            out.push(' ');
        } else if c == '"' {
            at += 1;
            while at < chars.len() && chars[at] != '"' {
                at += if chars[at] == '\\' { 2 } else { 1 };
            }
            at += 1;
            out.push(' ');
        } else if c == '\'' && (next == Some('\\') || chars.get(at + 2) == Some(&'\'')) {
            // A character literal; a lifetime ('a) has no closing quote.
            at += 1;
            while at < chars.len() && chars[at] != '\'' {
                at += if chars[at] == '\\' { 2 } else { 1 };
            }
            at += 1;
            out.push(' ');
        } else {
            out.push(c);
            at += 1;
        }
    }
    out
}
