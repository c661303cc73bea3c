//! Demo knowledge-base articles for `kehu --demo`: public help-centre answers
//! in Chinese and English, internal playbooks and a draft, linked to the
//! default ticket categories so tickets get suggestions.

use kehu_store::Db;
use kehu_store::entities::{article, ticket_category};
use kehu_types::{ArticleLocale, ArticleStatus, ArticleVisibility, CreateArticle};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::demo_tickets::admin_actor;
use crate::knowledge::articles;

use ArticleLocale::{En, ZhCn};
use ArticleStatus::{Draft, Published};
use ArticleVisibility::{Internal, Public};

/// (category name, locale, visibility, status, title, Markdown body)
type Seed = (&'static str, ArticleLocale, ArticleVisibility, ArticleStatus, &'static str, &'static str);

const ARTICLES: &[Seed] = &[
    (
        "产品质量",
        ZhCn,
        Public,
        Published,
        "收到的商品破损怎么办",
        "很抱歉给您带来不便。请按以下步骤处理：\n\n1. 拍下**外包装**和**商品破损处**的照片；\n2. 在订单页点击「申请售后」，上传照片；\n3. 我们会在 **24 小时内**审核，为您补发或退款。\n\n> 签收时发现外包装明显破损，可以直接拒收。",
    ),
    (
        "产品质量",
        En,
        Public,
        Published,
        "My item arrived damaged",
        "We are sorry. Please:\n\n1. Take photos of the **box** and the **damage**;\n2. Open the order and choose *Request after-sales service*;\n3. We review within **24 hours** and send a replacement or refund.",
    ),
    (
        "物流配送",
        ZhCn,
        Public,
        Published,
        "快递多久能送达，物流不更新怎么办",
        "一般地区 **2–3 天**送达，偏远地区 4–7 天。\n\n物流信息超过 **48 小时**未更新时，请提交工单并附上订单号，我们会联系快递公司核实。",
    ),
    (
        "账单与退款",
        ZhCn,
        Public,
        Published,
        "如何申请退款，多久到账",
        "在订单页点击「申请退款」并填写原因。审核通过后：\n\n| 支付方式 | 到账时间 |\n|---|---|\n| 微信 / 支付宝 | 1–3 个工作日 |\n| 银行卡 | 3–7 个工作日 |\n\n重复扣款会在核实后**全额退回**。",
    ),
    (
        "账单与退款",
        En,
        Public,
        Published,
        "Charged twice? How refunds work",
        "A duplicate charge is refunded in full once we confirm it. Refunds reach WeChat Pay or Alipay in 1–3 working days and bank cards in 3–7.",
    ),
    (
        "账单与退款",
        ZhCn,
        Internal,
        Published,
        "重复扣款处理规范（内部）",
        "1. 在支付后台核对两笔流水号；\n2. 确认重复后在工单中记录**退款补偿**；\n3. 回复客户预计到账时间，并将工单置为「等待客户」。\n\n金额超过 2000 元需主管审批。",
    ),
    (
        "服务态度",
        ZhCn,
        Internal,
        Published,
        "投诉服务态度的安抚话术",
        "- 先致歉，不辩解；\n- 复述客户的问题，确认理解无误；\n- 给出明确的处理时间；\n- 结案前回访，记录根本原因。",
    ),
    (
        "其他",
        ZhCn,
        Internal,
        Draft,
        "发票开具流程（草稿）",
        "增值税专用发票需要客户提供开票信息，月底统一开具。*待财务确认后发布。*",
    ),
];

/// Write the demo articles unless the knowledge base already has some.
pub async fn load(db: &Db) -> Result<u64, String> {
    let conn = db.conn();
    if article::Entity::find().count(conn).await.map_err(|e| e.to_string())? > 0 {
        return Ok(0);
    }
    let actor = admin_actor(db).await?;
    let mut written = 0;
    for &(category, locale, visibility, status, title, body) in ARTICLES {
        let category_id = ticket_category::Entity::find()
            .filter(ticket_category::Column::Name.eq(category))
            .one(conn)
            .await
            .map_err(|e| e.to_string())?
            .map(|c| c.id);
        let input = CreateArticle {
            title: title.to_owned(),
            body: body.to_owned(),
            category_id,
            locale,
            visibility,
            status: Some(status),
        };
        let txn = db.begin_write().await.map_err(|e| e.to_string())?;
        articles::create(&*txn, &actor, &input).await.map_err(|e| e.detail)?;
        txn.commit().await.map_err(|e| e.to_string())?;
        written += 1;
    }
    Ok(written)
}
