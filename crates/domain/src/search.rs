//! Relevance search over short documents (knowledge-base articles) that works
//! for Chinese as well as space-separated languages, without a search engine.
//!
//! Text is folded (half-width, lower case) and cut into terms: a Latin word is
//! one term; a run of Chinese characters becomes its overlapping two-character
//! pairs ("退款流程" → 退款, 款流, 流程), the usual way to search CJK text
//! without a dictionary. A document matches when it holds enough of the terms
//! as substrings; hits in the title count more than hits in the body.

use crate::text::to_half_width;

/// A term found in the title weighs this much more than one in the body.
const TITLE_WEIGHT: u32 = 3;

/// Whether `c` belongs to a script written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // CJK Extensions B–F and compatibility supplement
}

/// Chinese function words: question words and particles that carry no topic.
/// A run of Chinese text is cut at them before pairing, so "怎么退款" searches
/// for 退款 alone instead of also demanding the pairs 怎么 and 么退. Longer
/// words come first so that 为什么 is cut whole.
const CJK_FUNCTION_WORDS: &[&str] = &[
    "为什么",
    "怎么样",
    "怎么",
    "如何",
    "什么",
    "怎样",
    "哪里",
    "请问",
    "一下",
    "是否",
    "能否",
    "可以",
    "我的",
    "我们",
    "的",
    "了",
    "吗",
    "呢",
    "吧",
];

/// Fold text the way both documents and queries are compared.
pub fn fold(text: &str) -> String {
    to_half_width(text).to_lowercase()
}

/// The distinct search terms of `text`, in order of first appearance, at most
/// `max`. Latin words shorter than two characters are too common to help, and
/// Chinese function words are left out.
pub fn terms(text: &str, max: usize) -> Vec<String> {
    let mut folded = fold(text);
    for word in CJK_FUNCTION_WORDS {
        folded = folded.replace(word, " ");
    }
    let mut found: Vec<String> = Vec::new();
    let push = |term: String, found: &mut Vec<String>| {
        if found.len() < max && !found.contains(&term) {
            found.push(term);
        }
    };
    let chars: Vec<char> = folded.chars().collect();
    let mut start = 0;
    // Every turn moves `start` on by at least one character, so there are at
    // most as many turns as characters; the bound makes a broken edit return
    // wrong terms (which the tests see) instead of looping for ever.
    for _ in 0..chars.len() {
        if start >= chars.len() {
            break;
        }
        let c = chars[start];
        let same_kind = |x: char| if is_cjk(c) { is_cjk(x) } else { x.is_alphanumeric() && !is_cjk(x) };
        if !is_cjk(c) && !c.is_alphanumeric() {
            start += 1;
            continue;
        }
        let end = (start..chars.len()).find(|&i| !same_kind(chars[i])).unwrap_or(chars.len());
        let run = &chars[start..end];
        if is_cjk(c) {
            if run.len() == 1 {
                push(run.iter().collect(), &mut found);
            }
            for pair in run.windows(2) {
                push(pair.iter().collect(), &mut found);
            }
        } else if run.len() >= 2 {
            push(run.iter().collect(), &mut found);
        }
        start = end;
    }
    found
}

/// How well a document matches a query's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relevance {
    /// How many distinct terms occur anywhere in the document.
    pub matched: usize,
    /// Weighted hits: title hits count `TITLE_WEIGHT`, body hits one.
    pub score: u32,
}

/// Score a document given its folded title and folded body text.
pub fn relevance(terms: &[String], folded_title: &str, folded_body: &str) -> Relevance {
    let mut relevance = Relevance { matched: 0, score: 0 };
    for term in terms {
        let in_title = folded_title.contains(term.as_str());
        let in_body = folded_body.contains(term.as_str());
        if in_title || in_body {
            relevance.matched += 1;
        }
        relevance.score += if in_title { TITLE_WEIGHT } else { 0 } + u32::from(in_body);
    }
    relevance
}

/// Whether a document is a result for a typed query: it must hold at least
/// half of the terms, so a long Chinese question still finds an article that
/// words it a little differently, while one shared pair is not enough.
pub fn is_hit(terms: &[String], relevance: Relevance) -> bool {
    !terms.is_empty() && relevance.matched * 2 >= terms.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn latin_words_and_chinese_pairs() {
        assert_eq!(terms("How to get a REFUND?", 10), ["how", "to", "get", "refund"]);
        assert_eq!(terms("退款流程", 10), ["退款", "款流", "流程"]);
        assert_eq!(terms("快递 丢了 refund", 10), ["快递", "丢", "refund"]);
        assert_eq!(terms("单", 10), ["单"]);
    }

    #[test]
    fn function_words_are_not_searched_for() {
        assert_eq!(terms("怎么退款", 10), ["退款"]);
        assert_eq!(terms("为什么收到的商品破损了？", 10), ["收到", "商品", "品破", "破损"]);
    }

    #[test]
    fn full_width_input_folds_and_terms_are_distinct_and_capped() {
        assert_eq!(terms("ＶＩＰ会员 vip", 10), ["vip", "会员"]);
        assert_eq!(terms("a b c dd ee ff gg", 2), ["dd", "ee"]);
    }

    #[test]
    fn title_hits_rank_above_body_hits() {
        let query = terms("退款流程", 10);
        let in_title = relevance(&query, &fold("退款流程说明"), "");
        let in_body = relevance(&query, "其他", &fold("这里说明退款流程"));
        assert!(in_title.score > in_body.score);
        assert_eq!(in_title.matched, 3);
        assert!(is_hit(&query, in_body));
    }

    #[test]
    fn a_differently_worded_question_still_hits_but_one_pair_does_not() {
        let query = terms("怎么申请退款", 10); // 申请 请退 退款
        let article = fold("如何申请退款：在订单页点击申请");
        assert!(is_hit(&query, relevance(&query, &article, "")));
        let unrelated = fold("怎么修改地址");
        assert!(!is_hit(&query, relevance(&query, &unrelated, "")));
    }

    #[test]
    fn separators_mixed_scripts_and_the_last_term_are_all_kept() {
        assert_eq!(terms("  --退款, refund!! vip会员卡 x ok", 10), ["退款", "refund", "vip", "会员", "员卡", "ok"]);
        assert_eq!(terms("ab", 10), ["ab"]);
        assert_eq!(terms("a", 10), Vec::<String>::new());
        assert_eq!(terms("？！", 10), Vec::<String>::new());
        assert_eq!(terms("退", 10), ["退"]);
        assert_eq!(terms("退 款", 10), ["退", "款"]);
        assert_eq!(terms("退款 退款", 10), ["退款"]);
        assert_eq!(terms("退款流程", 0), Vec::<String>::new());
        assert_eq!(terms("退款流程", 1), ["退款"]);
    }

    #[test]
    fn title_hits_weigh_three_and_body_hits_one() {
        let query = terms("refund policy", 10);
        let score = |title: &str, body: &str| relevance(&query, title, body);
        assert_eq!(score("", ""), Relevance { matched: 0, score: 0 });
        assert_eq!(score("refund", ""), Relevance { matched: 1, score: 3 });
        assert_eq!(score("", "refund"), Relevance { matched: 1, score: 1 });
        assert_eq!(score("refund", "refund"), Relevance { matched: 1, score: 4 });
        assert_eq!(score("refund policy", "policy"), Relevance { matched: 2, score: 7 });
    }

    #[test]
    fn a_hit_needs_at_least_half_of_the_terms() {
        let words = |n: usize| (0..n).map(|i| format!("w{i}")).collect::<Vec<_>>();
        let matched = |matched| Relevance { matched, score: 0 };
        assert!(!is_hit(&[], matched(0)));
        assert!(is_hit(&words(2), matched(1)));
        assert!(!is_hit(&words(3), matched(1)));
        assert!(is_hit(&words(3), matched(2)));
        assert!(!is_hit(&words(4), matched(1)));
        assert!(is_hit(&words(4), matched(2)));
        assert!(!is_hit(&words(1), matched(0)));
        assert!(is_hit(&words(1), matched(1)));
    }

    proptest! {
        /// Every term occurs in the folded text it came from, so a document
        /// always matches all the terms of its own text.
        #[test]
        fn terms_occur_in_their_own_text(text in "[a-zA-Z0-9 ,.退款流程会员快递丢了ＡＢ１]{0,40}") {
            let folded = fold(&text);
            let found = terms(&text, 50);
            for term in &found {
                prop_assert!(folded.contains(term.as_str()), "{term:?} not in {folded:?}");
            }
            prop_assert_eq!(relevance(&found, "", &folded).matched, found.len());
        }
    }
}
