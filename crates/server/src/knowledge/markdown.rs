//! Markdown to HTML that is safe to insert into a page.
//!
//! Safety comes from what the renderer can emit, not from cleaning afterwards:
//! raw HTML in the source is turned into text (so `<script>` shows as typed),
//! and a link or image whose address uses any scheme but http, https, mailto or
//! tel (images: http and https only) loses its address and keeps its text.
//! Everything else is produced by pulldown-cmark, which escapes text and
//! attribute values.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// Characters of plain text kept as an article's summary.
const SUMMARY_CHARS: usize = 160;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Whether an address may be followed from a rendered page.
fn allowed_url(url: &str, image: bool) -> bool {
    // Browsers ignore whitespace and control characters inside a scheme, so
    // "java\tscript:" must be judged as "javascript:".
    let compact: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = compact.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    match scheme_end {
        // No scheme (or a colon only after the path starts): a relative address.
        None => true,
        Some(end) if end > path_start => true,
        Some(end) => {
            let scheme = &lower[..end];
            let allowed: &[&str] = if image { &["http", "https"] } else { &["http", "https", "mailto", "tel"] };
            allowed.contains(&scheme)
        }
    }
}

/// Render Markdown to safe HTML.
pub fn render(markdown: &str) -> String {
    // One entry per open link or image: whether its end tag is to be dropped too.
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let drop = !allowed_url(dest_url, false);
            dropped.push(drop);
            (!drop).then_some(event)
        }
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let drop = !allowed_url(dest_url, true);
            dropped.push(drop);
            (!drop).then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let drop = dropped.pop().unwrap_or(false);
            (!drop).then_some(event)
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The text a reader sees, without markup: what search reads.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_owned()
}

/// The first words of the plain text, cut at a character boundary.
pub fn summary(plain: &str) -> String {
    let collapsed: String = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= SUMMARY_CHARS {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(SUMMARY_CHARS).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_renders() {
        let html = render(
            "# 退款\n\n**先**确认订单，见 [帮助](https://example.com/help)。\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        );
        assert!(html.contains("<h1>退款</h1>"));
        assert!(html.contains("<strong>先</strong>"));
        assert!(html.contains(r#"<a href="https://example.com/help">帮助</a>"#));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        for attack in [
            "<script>alert(1)</script>",
            "hi <img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil\"></iframe>",
            "<a href=\"javascript:alert(1)\">x</a>",
        ] {
            let html = render(attack);
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains("<iframe"), "{html}");
            assert!(!html.contains("<a "), "{html}");
            assert!(html.contains("&lt;"), "{html}");
        }
    }

    #[test]
    fn dangerous_link_schemes_lose_their_address() {
        for link in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](jav&#x61;script:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](vbscript:msgbox)",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>",
        ] {
            let html = render(link);
            assert!(!html.contains("href"), "{link} → {html}");
            assert!(!html.to_lowercase().contains("javascript:alert(1)\""), "{link} → {html}");
        }
        let image = render("![pic](data:image/svg+xml;base64,AAAA)");
        assert!(!image.contains("<img"), "{image}");
        assert!(image.contains("pic"));
    }

    #[test]
    fn safe_addresses_stay() {
        assert!(render("[a](/help/articles/1)").contains(r#"href="/help/articles/1""#));
        assert!(render("[a](mailto:help@example.com)").contains("mailto:help@example.com"));
        assert!(render("[a](?q=x:y)").contains("href"));
        assert!(render("![a](https://example.com/a.png)").contains("<img"));
    }

    #[test]
    fn attribute_values_are_escaped() {
        let html = render("[x](https://example.com/\"onmouseover=\"alert(1) \"title\")");
        assert!(!html.contains("\"onmouseover"), "{html}");
    }

    #[test]
    fn plain_text_and_summary() {
        let plain = plain_text("# 标题\n\n第一段 **重点**。\n\n- 一\n- 二");
        assert_eq!(summary(&plain), "标题 第一段 重点。 一 二");
        let long = "字".repeat(300);
        let cut = summary(&long);
        assert_eq!(cut.chars().count(), SUMMARY_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}
