//! Every visible string goes through here. Messages are an enum and each one
//! is matched for both languages, so a missing translation does not compile.

use kehu_types::{LifecycleStage, codes};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Zh,
    En,
}

impl Locale {
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Self {
        if tag.starts_with("en") { Locale::En } else { Locale::Zh }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    SignIn,
    SigningIn,
    SignOut,
    Email,
    Password,
    SignInTitle,
    SignInHint,
    Customers,
    SearchPlaceholder,
    AllStages,
    Name,
    Company,
    Phone,
    Stage,
    Region,
    Created,
    LoadMore,
    Loading,
    NoCustomers,
    NoCustomersHint,
    Retry,
    Language,
    ErrorInvalidCredentials,
    ErrorTooManyAttempts,
    ErrorAccountDisabled,
    ErrorNetwork,
    ErrorGeneric,
    ErrorValidation,
    ErrorNotFound,
    ErrorForbidden,
    SessionExpired,
    Shown,
}

impl Msg {
    pub fn text(self, locale: Locale) -> &'static str {
        use Locale::*;
        use Msg::*;
        match (self, locale) {
            (AppName, Zh) => "客户",
            (AppName, En) => "Kehu",
            (SignIn, Zh) => "登录",
            (SignIn, En) => "Sign in",
            (SigningIn, Zh) => "正在登录…",
            (SigningIn, En) => "Signing in…",
            (SignOut, Zh) => "退出登录",
            (SignOut, En) => "Sign out",
            (Email, Zh) => "邮箱",
            (Email, En) => "Email",
            (Password, Zh) => "密码",
            (Password, En) => "Password",
            (SignInTitle, Zh) => "登录客户管理系统",
            (SignInTitle, En) => "Sign in to Kehu",
            (SignInHint, Zh) => "使用管理员为您创建的账号登录。",
            (SignInHint, En) => "Use the account your administrator created for you.",
            (Customers, Zh) => "客户",
            (Customers, En) => "Customers",
            (SearchPlaceholder, Zh) => "搜索姓名、公司、邮箱或电话",
            (SearchPlaceholder, En) => "Search name, company, email or phone",
            (AllStages, Zh) => "全部阶段",
            (AllStages, En) => "All stages",
            (Name, Zh) => "姓名",
            (Name, En) => "Name",
            (Company, Zh) => "公司",
            (Company, En) => "Company",
            (Phone, Zh) => "电话",
            (Phone, En) => "Phone",
            (Stage, Zh) => "阶段",
            (Stage, En) => "Stage",
            (Region, Zh) => "地区",
            (Region, En) => "Region",
            (Created, Zh) => "创建时间",
            (Created, En) => "Created",
            (LoadMore, Zh) => "加载更多",
            (LoadMore, En) => "Load more",
            (Loading, Zh) => "加载中…",
            (Loading, En) => "Loading…",
            (NoCustomers, Zh) => "没有找到客户",
            (NoCustomers, En) => "No customers found",
            (NoCustomersHint, Zh) => "换个关键词或清除筛选条件试试。",
            (NoCustomersHint, En) => "Try other words or clear the filters.",
            (Retry, Zh) => "重试",
            (Retry, En) => "Retry",
            (Language, Zh) => "语言",
            (Language, En) => "Language",
            (ErrorInvalidCredentials, Zh) => "邮箱或密码错误。",
            (ErrorInvalidCredentials, En) => "Wrong email or password.",
            (ErrorTooManyAttempts, Zh) => "登录失败次数过多，请稍后再试。",
            (ErrorTooManyAttempts, En) => "Too many failed attempts. Please try again later.",
            (ErrorAccountDisabled, Zh) => "该账号已停用，请联系管理员。",
            (ErrorAccountDisabled, En) => "This account is deactivated. Please contact your administrator.",
            (ErrorNetwork, Zh) => "无法连接服务器，请检查网络。",
            (ErrorNetwork, En) => "Cannot reach the server. Check your connection.",
            (ErrorGeneric, Zh) => "出错了，请重试。",
            (ErrorGeneric, En) => "Something went wrong. Please try again.",
            (ErrorValidation, Zh) => "请检查标出的字段。",
            (ErrorValidation, En) => "Please check the marked fields.",
            (ErrorNotFound, Zh) => "记录不存在或您无权查看。",
            (ErrorNotFound, En) => "This record does not exist or is not visible to you.",
            (ErrorForbidden, Zh) => "您的角色无权执行此操作。",
            (ErrorForbidden, En) => "Your role may not do this.",
            (SessionExpired, Zh) => "登录已过期，请重新登录。",
            (SessionExpired, En) => "Your session has expired. Please sign in again.",
            (Shown, Zh) => "已显示",
            (Shown, En) => "Shown",
        }
    }

    /// The message for an API problem code.
    pub fn for_code(code: Option<&str>) -> Msg {
        match code {
            Some(codes::INVALID_CREDENTIALS) => Msg::ErrorInvalidCredentials,
            Some(codes::TOO_MANY_ATTEMPTS) => Msg::ErrorTooManyAttempts,
            Some(codes::ACCOUNT_DISABLED) => Msg::ErrorAccountDisabled,
            Some(codes::VALIDATION_FAILED) => Msg::ErrorValidation,
            Some(codes::NOT_FOUND) => Msg::ErrorNotFound,
            Some(codes::FORBIDDEN) => Msg::ErrorForbidden,
            Some(codes::UNAUTHENTICATED) => Msg::SessionExpired,
            None => Msg::ErrorNetwork,
            Some(_) => Msg::ErrorGeneric,
        }
    }
}

/// The label of a lifecycle stage.
pub fn stage_label(stage: LifecycleStage, locale: Locale) -> &'static str {
    use LifecycleStage::*;
    match (stage, locale) {
        (Prospect, Locale::Zh) => "潜在客户",
        (Prospect, Locale::En) => "Prospect",
        (New, Locale::Zh) => "新客户",
        (New, Locale::En) => "New",
        (Active, Locale::Zh) => "活跃客户",
        (Active, Locale::En) => "Active",
        (Loyal, Locale::Zh) => "忠诚客户",
        (Loyal, Locale::En) => "Loyal",
        (AtRisk, Locale::Zh) => "流失风险",
        (AtRisk, Locale::En) => "At risk",
        (Churned, Locale::Zh) => "已流失",
        (Churned, Locale::En) => "Churned",
    }
}

/// A date for the chosen locale: `2026年11月22日` or `22 Nov 2026`.
pub fn format_date(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    let local = at.with_timezone(&chrono::Local);
    match locale {
        Locale::Zh => local.format("%Y年%-m月%-d日").to_string(),
        Locale::En => local.format("%-d %b %Y").to_string(),
    }
}

/// The current locale, provided at the root and remembered in local storage.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn locale(self) -> Locale {
        self.0.get()
    }

    /// A reactive text for `msg`.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let locale = self.0;
        move || msg.text(locale.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
