//! The knowledge base's and help centre's texts in both languages, and the
//! labels of article statuses, visibilities and languages.

use kehu_types::{ArticleLocale, ArticleStatus, ArticleVisibility};

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knowledge {
    Heading,
    NewArticle,
    SearchArticles,
    AnyStatus,
    AnyVisibility,
    AnyLanguage,
    NoArticles,
    NoArticlesHint,
    NoMatches,
    Title,
    Body,
    BodyHint,
    Language,
    Visibility,
    Write,
    Preview,
    PreviewEmpty,
    Save,
    Saved,
    Edit,
    Cancel,
    Publish,
    Published,
    Unpublish,
    Archive,
    Archived,
    Restore,
    BackToDraft,
    UpdatedAt,
    DraftsNeedReview,
    Suggested,
    NoSuggestions,
    HelpSearch,
    HelpArticles,
    HelpNoArticles,
    StillNeedHelp,
    BackToHelp,
}

impl Knowledge {
    pub fn text(self, locale: Locale) -> &'static str {
        use Knowledge::*;
        let (zh, en) = match self {
            Heading => ("知识库", "Knowledge base"),
            NewArticle => ("新建文章", "New article"),
            SearchArticles => ("搜索标题或正文", "Search titles and text"),
            AnyStatus => ("全部状态", "Any status"),
            AnyVisibility => ("全部范围", "Any audience"),
            AnyLanguage => ("全部语言", "Any language"),
            NoArticles => ("还没有文章", "No articles yet"),
            NoArticlesHint => (
                "把常见问题的答案写成文章，工单会自动推荐给处理人。",
                "Write answers to common questions; tickets suggest them to whoever handles them.",
            ),
            NoMatches => ("没有找到匹配的文章", "No matching articles"),
            Title => ("标题", "Title"),
            Body => ("正文", "Text"),
            BodyHint => (
                "支持 Markdown：# 标题、**粗体**、- 列表、[链接](https://…)、表格。",
                "Markdown: # heading, **bold**, - list, [link](https://…), tables.",
            ),
            Language => ("语言", "Language"),
            Visibility => ("可见范围", "Audience"),
            Write => ("编辑", "Write"),
            Preview => ("预览", "Preview"),
            PreviewEmpty => ("正文为空，没有可预览的内容。", "Nothing to preview yet."),
            Save => ("保存", "Save"),
            Saved => ("文章已保存", "Article saved"),
            Edit => ("编辑", "Edit"),
            Cancel => ("取消", "Cancel"),
            Publish => ("发布", "Publish"),
            Published => ("文章已发布", "Article published"),
            Unpublish => ("撤回为草稿", "Unpublish"),
            Archive => ("归档", "Archive"),
            Archived => ("文章已归档", "Article archived"),
            Restore => ("恢复为草稿", "Restore as draft"),
            BackToDraft => ("已改为草稿", "Moved back to draft"),
            UpdatedAt => ("更新于", "Updated"),
            DraftsNeedReview => (
                "草稿由主管或管理员审核发布；已发布的文章只有他们能修改。",
                "A manager or admin reviews and publishes drafts; only they change published articles.",
            ),
            Suggested => ("推荐文章", "Suggested articles"),
            NoSuggestions => ("暂无相关文章", "No related articles"),
            HelpSearch => ("输入问题，例如：怎么退款", "Type your question, e.g. refund"),
            HelpArticles => ("常见问题", "Frequently asked questions"),
            HelpNoArticles => ("暂时没有帮助文章", "No help articles yet"),
            StillNeedHelp => ("没有找到答案？提交服务请求", "Didn't find an answer? Contact us"),
            BackToHelp => ("返回客户服务中心", "Back to the help centre"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

pub fn article_status_label(status: ArticleStatus, locale: Locale) -> &'static str {
    let (zh, en) = match status {
        ArticleStatus::Draft => ("草稿", "Draft"),
        ArticleStatus::Published => ("已发布", "Published"),
        ArticleStatus::Archived => ("已归档", "Archived"),
    };
    if locale == Locale::Zh { zh } else { en }
}

pub fn visibility_label(visibility: ArticleVisibility, locale: Locale) -> &'static str {
    let (zh, en) = match visibility {
        ArticleVisibility::Internal => ("仅内部", "Internal"),
        ArticleVisibility::Public => ("公开", "Public"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// Articles in the reader's own language.
impl From<Locale> for ArticleLocale {
    fn from(locale: Locale) -> Self {
        match locale {
            Locale::Zh => ArticleLocale::ZhCn,
            Locale::En => ArticleLocale::En,
        }
    }
}

/// Languages are named in their own script, as language pickers usually are.
pub fn article_locale_label(language: ArticleLocale, _locale: Locale) -> &'static str {
    match language {
        ArticleLocale::ZhCn => "中文",
        ArticleLocale::En => "English",
    }
}
