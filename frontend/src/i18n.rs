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
    ChangePassword,
    CurrentPassword,
    PasswordChanged,
    AnyActor,
    DateFrom,
    DateTo,
    Owner,
    AnyOwner,
    AnyTeam,
    AnySource,
    SortBy,
    SortNewest,
    SortOldest,
    SortUpdated,
    SortName,
    Admin,
    Users,
    Teams,
    AuditLog,
    Role,
    Team,
    NoTeam,
    Status,
    ActiveUser,
    Deactivated,
    Deactivate,
    Reactivate,
    ResetPassword,
    NewPassword,
    LastLogin,
    Never,
    NewUser,
    NewTeam,
    Description,
    Create,
    Saved,
    Action,
    Entity,
    Actor,
    Time,
    Changes,
    AllEntities,
    Filter,
    System,
    AdminsOnly,
    RoleAdmin,
    RoleManager,
    RoleAgent,
    RoleViewer,
    NoEntries,
    ErrorConflict,
    EditCustomer,
    Edit,
    CustomerSaved,
    Reload,
    StageAtCreation,
    NewCustomer,
    Save,
    Saving,
    Cancel,
    Person,
    CompanyKind,
    Kind,
    Emails,
    Phones,
    AddPhone,
    AddEmail,
    Remove,
    Source,
    Tags,
    TagsHint,
    None,
    CustomerCreated,
    ChangeStage,
    NewStage,
    Reason,
    StageChanged,
    StageHistory,
    Timeline,
    AddInteraction,
    Channel,
    Direction,
    Inbound,
    Outbound,
    Subject,
    Body,
    InteractionAdded,
    NoTimeline,
    Back,
    FieldRequired,
    FieldTooLong,
    FieldTooShort,
    FieldTooMany,
    FieldInvalidEmail,
    FieldInvalidPhone,
    FieldInvalidFormat,
    FieldOutOfRange,
    FieldNotAllowed,
    FieldUnknownReference,
    ErrorInvalidTransition,
    ErrorVersionMismatch,
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
            (ChangePassword, Zh) => "修改密码",
            (ChangePassword, En) => "Change password",
            (CurrentPassword, Zh) => "当前密码",
            (CurrentPassword, En) => "Current password",
            (PasswordChanged, Zh) => "密码已修改",
            (PasswordChanged, En) => "Password changed",
            (AnyActor, Zh) => "全部操作人",
            (AnyActor, En) => "Anyone",
            (DateFrom, Zh) => "开始日期",
            (DateFrom, En) => "From",
            (DateTo, Zh) => "结束日期",
            (DateTo, En) => "To",
            (Owner, Zh) => "负责人",
            (Owner, En) => "Owner",
            (AnyOwner, Zh) => "全部负责人",
            (AnyOwner, En) => "Any owner",
            (AnyTeam, Zh) => "全部团队",
            (AnyTeam, En) => "Any team",
            (AnySource, Zh) => "全部来源",
            (AnySource, En) => "Any source",
            (SortBy, Zh) => "排序",
            (SortBy, En) => "Sort",
            (SortNewest, Zh) => "最新创建",
            (SortNewest, En) => "Newest first",
            (SortOldest, Zh) => "最早创建",
            (SortOldest, En) => "Oldest first",
            (SortUpdated, Zh) => "最近更新",
            (SortUpdated, En) => "Recently updated",
            (SortName, Zh) => "按姓名",
            (SortName, En) => "By name",
            (Admin, Zh) => "系统管理",
            (Admin, En) => "Administration",
            (Users, Zh) => "用户",
            (Users, En) => "Users",
            (Teams, Zh) => "团队",
            (Teams, En) => "Teams",
            (AuditLog, Zh) => "审计日志",
            (AuditLog, En) => "Audit log",
            (Role, Zh) => "角色",
            (Role, En) => "Role",
            (Team, Zh) => "团队",
            (Team, En) => "Team",
            (NoTeam, Zh) => "无团队",
            (NoTeam, En) => "No team",
            (Status, Zh) => "状态",
            (Status, En) => "Status",
            (ActiveUser, Zh) => "启用",
            (ActiveUser, En) => "Active",
            (Deactivated, Zh) => "已停用",
            (Deactivated, En) => "Deactivated",
            (Deactivate, Zh) => "停用",
            (Deactivate, En) => "Deactivate",
            (Reactivate, Zh) => "启用",
            (Reactivate, En) => "Reactivate",
            (ResetPassword, Zh) => "重置密码",
            (ResetPassword, En) => "Reset password",
            (NewPassword, Zh) => "新密码",
            (NewPassword, En) => "New password",
            (LastLogin, Zh) => "最近登录",
            (LastLogin, En) => "Last sign-in",
            (Never, Zh) => "从未",
            (Never, En) => "Never",
            (NewUser, Zh) => "新建用户",
            (NewUser, En) => "New user",
            (NewTeam, Zh) => "新建团队",
            (NewTeam, En) => "New team",
            (Description, Zh) => "说明",
            (Description, En) => "Description",
            (Create, Zh) => "创建",
            (Create, En) => "Create",
            (Saved, Zh) => "已保存",
            (Saved, En) => "Saved",
            (Action, Zh) => "操作",
            (Action, En) => "Action",
            (Entity, Zh) => "对象",
            (Entity, En) => "Record",
            (Actor, Zh) => "操作人",
            (Actor, En) => "By",
            (Time, Zh) => "时间",
            (Time, En) => "Time",
            (Changes, Zh) => "变更内容",
            (Changes, En) => "Changes",
            (AllEntities, Zh) => "全部对象",
            (AllEntities, En) => "All records",
            (Filter, Zh) => "筛选",
            (Filter, En) => "Filter",
            (System, Zh) => "系统",
            (System, En) => "System",
            (AdminsOnly, Zh) => "仅管理员可访问此页面。",
            (AdminsOnly, En) => "Only administrators can open this page.",
            (RoleAdmin, Zh) => "管理员",
            (RoleAdmin, En) => "Admin",
            (RoleManager, Zh) => "经理",
            (RoleManager, En) => "Manager",
            (RoleAgent, Zh) => "客服/销售",
            (RoleAgent, En) => "Agent",
            (RoleViewer, Zh) => "只读",
            (RoleViewer, En) => "Viewer",
            (NoEntries, Zh) => "没有记录",
            (NoEntries, En) => "No entries",
            (ErrorConflict, Zh) => "名称或邮箱已被使用，或操作会导致没有可用的管理员。",
            (ErrorConflict, En) => "That name or email is taken, or the change would leave no active admin.",
            (EditCustomer, Zh) => "编辑客户",
            (EditCustomer, En) => "Edit customer",
            (Edit, Zh) => "编辑",
            (Edit, En) => "Edit",
            (CustomerSaved, Zh) => "客户资料已保存",
            (CustomerSaved, En) => "Customer saved",
            (Reload, Zh) => "重新加载",
            (Reload, En) => "Reload",
            (StageAtCreation, Zh) => "新建客户",
            (StageAtCreation, En) => "Customer created",
            (NewCustomer, Zh) => "新建客户",
            (NewCustomer, En) => "New customer",
            (Save, Zh) => "保存",
            (Save, En) => "Save",
            (Saving, Zh) => "正在保存…",
            (Saving, En) => "Saving…",
            (Cancel, Zh) => "取消",
            (Cancel, En) => "Cancel",
            (Person, Zh) => "个人",
            (Person, En) => "Person",
            (CompanyKind, Zh) => "企业",
            (CompanyKind, En) => "Company",
            (Kind, Zh) => "类型",
            (Kind, En) => "Type",
            (Emails, Zh) => "邮箱",
            (Emails, En) => "Emails",
            (Phones, Zh) => "电话",
            (Phones, En) => "Phones",
            (AddPhone, Zh) => "添加电话",
            (AddPhone, En) => "Add phone",
            (AddEmail, Zh) => "添加邮箱",
            (AddEmail, En) => "Add email",
            (Remove, Zh) => "删除",
            (Remove, En) => "Remove",
            (Source, Zh) => "来源",
            (Source, En) => "Source",
            (Tags, Zh) => "标签",
            (Tags, En) => "Tags",
            (TagsHint, Zh) => "用逗号分隔",
            (TagsHint, En) => "Separate with commas",
            (None, Zh) => "未填写",
            (None, En) => "Not set",
            (CustomerCreated, Zh) => "客户已创建",
            (CustomerCreated, En) => "Customer created",
            (ChangeStage, Zh) => "变更阶段",
            (ChangeStage, En) => "Change stage",
            (NewStage, Zh) => "新阶段",
            (NewStage, En) => "New stage",
            (Reason, Zh) => "原因",
            (Reason, En) => "Reason",
            (StageChanged, Zh) => "阶段已变更",
            (StageChanged, En) => "Stage changed",
            (StageHistory, Zh) => "阶段历史",
            (StageHistory, En) => "Stage history",
            (Timeline, Zh) => "时间线",
            (Timeline, En) => "Timeline",
            (AddInteraction, Zh) => "记录沟通",
            (AddInteraction, En) => "Add interaction",
            (Channel, Zh) => "渠道",
            (Channel, En) => "Channel",
            (Direction, Zh) => "方向",
            (Direction, En) => "Direction",
            (Inbound, Zh) => "客户来访/来电",
            (Inbound, En) => "Inbound",
            (Outbound, Zh) => "我方联系",
            (Outbound, En) => "Outbound",
            (Subject, Zh) => "主题",
            (Subject, En) => "Subject",
            (Body, Zh) => "内容",
            (Body, En) => "Details",
            (InteractionAdded, Zh) => "沟通记录已保存",
            (InteractionAdded, En) => "Interaction saved",
            (NoTimeline, Zh) => "暂无记录",
            (NoTimeline, En) => "Nothing recorded yet",
            (Back, Zh) => "返回客户列表",
            (Back, En) => "Back to customers",
            (FieldRequired, Zh) => "必填",
            (FieldRequired, En) => "Required",
            (FieldTooLong, Zh) => "内容过长",
            (FieldTooLong, En) => "Too long",
            (FieldTooShort, Zh) => "内容过短",
            (FieldTooShort, En) => "Too short",
            (FieldTooMany, Zh) => "数量过多",
            (FieldTooMany, En) => "Too many",
            (FieldInvalidEmail, Zh) => "邮箱格式不正确",
            (FieldInvalidEmail, En) => "Not a valid email address",
            (FieldInvalidPhone, Zh) => "电话号码不正确",
            (FieldInvalidPhone, En) => "Not a valid phone number",
            (FieldInvalidFormat, Zh) => "格式不正确",
            (FieldInvalidFormat, En) => "Invalid format",
            (FieldOutOfRange, Zh) => "超出允许范围",
            (FieldOutOfRange, En) => "Out of range",
            (FieldNotAllowed, Zh) => "不允许",
            (FieldNotAllowed, En) => "Not allowed",
            (FieldUnknownReference, Zh) => "引用的记录不存在",
            (FieldUnknownReference, En) => "Unknown record",
            (ErrorInvalidTransition, Zh) => "不能变更到该阶段。",
            (ErrorInvalidTransition, En) => "That stage change is not allowed.",
            (ErrorVersionMismatch, Zh) => "该客户已被他人修改，请刷新后重试。",
            (ErrorVersionMismatch, En) => "Someone else changed this customer. Reload and try again.",
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
            Some(codes::INVALID_STAGE_TRANSITION) => Msg::ErrorInvalidTransition,
            Some(codes::VERSION_MISMATCH) => Msg::ErrorVersionMismatch,
            Some(codes::CONFLICT | codes::EMAIL_TAKEN) => Msg::ErrorConflict,
            None => Msg::ErrorNetwork,
            Some(_) => Msg::ErrorGeneric,
        }
    }
}

/// The message for a field error code.
pub fn field_message(code: &str) -> Msg {
    use kehu_types::field_codes as fc;
    match code {
        fc::REQUIRED => Msg::FieldRequired,
        fc::TOO_LONG => Msg::FieldTooLong,
        fc::TOO_SHORT => Msg::FieldTooShort,
        fc::TOO_MANY => Msg::FieldTooMany,
        fc::INVALID_EMAIL => Msg::FieldInvalidEmail,
        fc::INVALID_PHONE => Msg::FieldInvalidPhone,
        fc::OUT_OF_RANGE => Msg::FieldOutOfRange,
        fc::NOT_ALLOWED => Msg::FieldNotAllowed,
        fc::UNKNOWN_REFERENCE => Msg::FieldUnknownReference,
        _ => Msg::FieldInvalidFormat,
    }
}

/// The label of a role.
pub fn role_label(role: kehu_types::Role, locale: Locale) -> &'static str {
    let msg = match role {
        kehu_types::Role::Admin => Msg::RoleAdmin,
        kehu_types::Role::Manager => Msg::RoleManager,
        kehu_types::Role::Agent => Msg::RoleAgent,
        kehu_types::Role::Viewer => Msg::RoleViewer,
    };
    msg.text(locale)
}

/// The label of a channel.
pub fn channel_label(channel: kehu_types::Channel, locale: Locale) -> &'static str {
    use kehu_types::Channel::*;
    let (zh, en) = match channel {
        Phone => ("电话", "Phone"),
        Email => ("邮件", "Email"),
        Sms => ("短信", "SMS"),
        Wechat => ("微信", "WeChat"),
        Chat => ("在线聊天", "Chat"),
        Visit => ("拜访", "Visit"),
        WebForm => ("网页表单", "Web form"),
        Social => ("社交媒体", "Social"),
        Other => ("其他", "Other"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// The label of an acquisition source.
pub fn source_label(source: kehu_types::AcquisitionSource, locale: Locale) -> &'static str {
    use kehu_types::AcquisitionSource::*;
    let (zh, en) = match source {
        Survey => ("市场调查", "Survey"),
        Event => ("活动", "Event"),
        Referral => ("客户推荐", "Referral"),
        WebForm => ("网页表单", "Web form"),
        Import => ("导入", "Import"),
        Website => ("官网", "Website"),
        Advertising => ("广告", "Advertising"),
        WalkIn => ("到店", "Walk-in"),
        Phone => ("电话", "Phone"),
        Social => ("社交媒体", "Social"),
        Other => ("其他", "Other"),
    };
    if locale == Locale::Zh { zh } else { en }
}

/// Date and time for the chosen locale: `2026年11月22日 09:05` or `22 Nov 2026, 09:05`.
pub fn format_datetime(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&chrono::Local);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    match locale {
        Locale::Zh => format!("{} {time}", format_date(at, locale)),
        Locale::En => format!("{}, {time}", format_date(at, locale)),
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

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A date for the chosen locale: `2026年11月22日` or `22 Nov 2026`. Built from
/// the date's parts rather than chrono's `format`, whose pattern engine would
/// add tens of kilobytes to the app.
pub fn format_date(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    use chrono::Datelike;
    let local = at.with_timezone(&chrono::Local);
    let (year, month, day) = (local.year(), local.month(), local.day());
    match locale {
        Locale::Zh => format!("{year}年{month}月{day}日"),
        Locale::En => format!("{day} {} {year}", MONTHS[(month as usize + 11) % 12]),
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

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Timelike};
    use kehu_types::codes;

    use super::*;

    #[test]
    fn api_codes_map_to_their_own_messages() {
        assert_eq!(Msg::for_code(Some(codes::INVALID_CREDENTIALS)), Msg::ErrorInvalidCredentials);
        assert_eq!(Msg::for_code(Some(codes::TOO_MANY_ATTEMPTS)), Msg::ErrorTooManyAttempts);
        assert_eq!(Msg::for_code(Some(codes::ACCOUNT_DISABLED)), Msg::ErrorAccountDisabled);
        assert_eq!(Msg::for_code(Some(codes::VERSION_MISMATCH)), Msg::ErrorVersionMismatch);
        assert_eq!(Msg::for_code(None), Msg::ErrorNetwork, "no code means the server was not reached");
        assert_eq!(Msg::for_code(Some("something_new")), Msg::ErrorGeneric);
        assert_eq!(field_message(kehu_types::field_codes::INVALID_PHONE), Msg::FieldInvalidPhone);
    }

    #[test]
    fn both_languages_say_something_different_where_it_matters() {
        for msg in [Msg::SignIn, Msg::Customers, Msg::ErrorInvalidCredentials, Msg::ChangeStage, Msg::FieldRequired] {
            let (zh, en) = (msg.text(Locale::Zh), msg.text(Locale::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{msg:?}");
        }
        for stage in LifecycleStage::ALL {
            assert_ne!(stage_label(*stage, Locale::Zh), stage_label(*stage, Locale::En));
        }
    }

    #[test]
    fn locale_tags_round_trip_and_default_to_chinese() {
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("zh-CN"), Locale::Zh);
        assert_eq!(Locale::from_tag(""), Locale::Zh);
        assert_eq!(Locale::from_tag(Locale::En.tag()), Locale::En);
    }

    #[test]
    fn times_are_zero_padded_in_both_locales() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 9, 5, 0).single().unwrap_or_default();
        let zh = format_datetime(at, Locale::Zh);
        let en = format_datetime(at, Locale::En);
        assert!(
            zh.contains("年") && zh.ends_with(&format!("{:02}:05", at.with_timezone(&chrono::Local).hour())),
            "{zh}"
        );
        assert!(en.contains(", ") && en.ends_with(":05"), "{en}");
    }

    #[test]
    fn dates_follow_the_locale() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 3, 5, 12, 0, 0).single().unwrap_or_default();
        let zh = format_date(at, Locale::Zh);
        let en = format_date(at, Locale::En);
        assert!(zh.starts_with("2026年3月"), "{zh}");
        assert!(en.contains("Mar 2026"), "{en}");
    }
}
