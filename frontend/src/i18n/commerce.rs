//! The texts of products and orders in both languages.

use kehu_types::OrderStatus;

use super::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commerce {
    Orders,
    NewOrder,
    OrderNumber,
    SearchProducts,
    NoProductsFound,
    Quantity,
    UnitPrice,
    OrderTotal,
    RemoveLine,
    PickProducts,
    OrderRecorded,
    RefundAmount,
    RefundReason,
    Refunded,
    OrderRefunded,
    MoreOrders,
    Products,
    NewProduct,
    EditProduct,
    ShowInactive,
    NoProducts,
    Sku,
    ProductName,
    Category,
    ListPrice,
    UnitCost,
    Inactive,
    OnSale,
    AllOrders,
    AnyStatus,
    Customer,
}

impl Commerce {
    pub fn text(self, locale: Locale) -> &'static str {
        use Commerce::*;
        let (zh, en) = match self {
            Orders => ("订单", "Orders"),
            NewOrder => ("录入订单", "Record an order"),
            OrderNumber => ("订单号", "Order number"),
            SearchProducts => ("搜索商品（名称或 SKU）", "Search products (name or SKU)"),
            NoProductsFound => ("没有找到在售商品", "No product on sale matches"),
            Quantity => ("数量", "Quantity"),
            UnitPrice => ("单价", "Unit price"),
            OrderTotal => ("合计", "Total"),
            RemoveLine => ("移除", "Remove"),
            PickProducts => ("请先添加商品", "Add at least one product"),
            OrderRecorded => ("订单已录入", "Order recorded"),
            RefundAmount => ("退款金额（留空则全部退款）", "Amount (empty: everything not yet refunded)"),
            RefundReason => ("退款原因", "Reason for the refund"),
            Refunded => ("已退款", "Refunded"),
            OrderRefunded => ("退款已记录，积分已按比例扣回", "Refund recorded; its points were taken back"),
            MoreOrders => ("更多订单", "More orders"),
            Products => ("商品", "Products"),
            NewProduct => ("新建商品", "New product"),
            EditProduct => ("编辑商品", "Edit product"),
            ShowInactive => ("包括已下架商品", "Include products no longer sold"),
            NoProducts => ("没有符合条件的商品", "No product matches"),
            Sku => ("SKU（商品编码）", "SKU"),
            ProductName => ("商品名称", "Product name"),
            Category => ("分类", "Category"),
            ListPrice => ("标价", "List price"),
            UnitCost => ("成本（可不填）", "Unit cost (optional)"),
            Inactive => ("已下架", "Not sold"),
            OnSale => ("在售（可用于新订单）", "On sale (offered for new orders)"),
            AllOrders => ("全部订单", "All orders"),
            AnyStatus => ("全部状态", "Any status"),
            Customer => ("客户", "Customer"),
        };
        if locale == Locale::Zh { zh } else { en }
    }
}

pub fn order_status_label(status: OrderStatus, locale: Locale) -> &'static str {
    let (zh, en) = match status {
        OrderStatus::Paid => ("已付款", "Paid"),
        OrderStatus::PartiallyRefunded => ("部分退款", "Partly refunded"),
        OrderStatus::Refunded => ("已退款", "Refunded"),
        OrderStatus::Cancelled => ("已取消", "Cancelled"),
    };
    if locale == Locale::Zh { zh } else { en }
}
