//! Customer files as people type them into a CRM: Chinese and English names,
//! mainland mobiles and emails, some typed with spaces, dashes, full-width
//! digits or capitals, and a few shared with an earlier customer. Every file
//! goes through the same checks and clean-up as the API's, so what is stored
//! is what the API would have stored.

use std::collections::VecDeque;

use chrono::{DateTime, NaiveDate, Utc};
use kehu_domain::validate::{self, CustomerDraft};
use kehu_server::customers::service::{self as customers, Placement};
use kehu_server::demo::{COMPANIES, ENGLISH_FIRST, ENGLISH_LAST, GIVEN, INDUSTRIES, REGIONS, SURNAMES, TAGS};
use kehu_store::entities::customer;
use kehu_types::{AcquisitionSource, CustomerKind, LifecycleStage, MarketingConsent};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use uuid::Uuid;

fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or_default()
}

/// A mobile number as someone might have typed it.
fn typed_mobile(rng: &mut StdRng) -> String {
    let digits = format!("1{}{:09}", rng.random_range(3..=9), rng.random_range(0..1_000_000_000u64));
    match rng.random_range(0..10) {
        0 => format!("+86 {} {} {}", &digits[..3], &digits[3..7], &digits[7..]),
        1 => format!("{}-{}-{}", &digits[..3], &digits[3..7], &digits[7..]),
        // Full-width digits from a Chinese input method.
        2 => digits.chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect(),
        _ => digits,
    }
}

/// Recent contact details, so some later customers share them (duplicates).
#[derive(Default)]
pub struct Recent {
    phones: VecDeque<String>,
    emails: VecDeque<String>,
}

fn keep(list: &mut VecDeque<String>, value: Option<&String>) {
    if let Some(value) = value {
        if list.len() >= 64 {
            list.pop_front();
        }
        list.push_back(value.clone());
    }
}

/// Now and then, one of the recent values instead of a new one.
fn maybe_shared(rng: &mut StdRng, list: &VecDeque<String>) -> Option<String> {
    if list.is_empty() || !rng.random_bool(0.02) {
        return None;
    }
    list.get(rng.random_range(0..list.len())).cloned()
}

/// One customer's file, cleaned as the API cleans it.
pub fn customer(
    rng: &mut StdRng,
    index: u64,
    created_at: DateTime<Utc>,
    recent: &mut Recent,
) -> Result<(customer::ActiveModel, Vec<String>), String> {
    let chinese = rng.random_bool(0.7);
    let (name, local) = if chinese {
        (format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN)), format!("kehu{index}"))
    } else {
        let (first, last) = (pick(rng, ENGLISH_FIRST), pick(rng, ENGLISH_LAST));
        (format!("{first} {last}"), format!("{}.{}{index}", first.to_lowercase(), last.to_lowercase()))
    };
    let company = rng.random_bool(0.12);
    let mut phones = Vec::new();
    if rng.random_bool(0.9) {
        let shared = maybe_shared(rng, &recent.phones);
        phones.push(shared.unwrap_or_else(|| typed_mobile(rng)));
    }
    let mut emails = Vec::new();
    if rng.random_bool(0.6) {
        let domain = pick(rng, &["qq.com", "163.com", "example.com", "outlook.com"]);
        let typed = if rng.random_bool(0.1) {
            format!(" {}@{domain} ", local.to_uppercase())
        } else {
            format!("{local}@{domain}")
        };
        emails.push(maybe_shared(rng, &recent.emails).unwrap_or(typed));
    }
    let tag_count = rng.random_range(0..3);
    let draft = CustomerDraft {
        kind: if company { CustomerKind::Company } else { CustomerKind::Person },
        name: if company { pick(rng, COMPANIES).to_owned() } else { name },
        company_name: (!company && rng.random_bool(0.3)).then(|| pick(rng, COMPANIES).to_owned()),
        emails,
        phones,
        address: None,
        region: rng.random_bool(0.85).then(|| pick(rng, REGIONS).to_owned()),
        industry: rng.random_bool(0.5).then(|| pick(rng, INDUSTRIES).to_owned()),
        birthday: (!company && rng.random_bool(0.4))
            .then(|| {
                NaiveDate::from_ymd_opt(
                    rng.random_range(1960..2004),
                    rng.random_range(1..=12),
                    rng.random_range(1..=28),
                )
            })
            .flatten(),
        source: AcquisitionSource::ALL.choose(rng).copied(),
        tags: TAGS.choose_multiple(rng, tag_count).map(|t| (*t).to_owned()).collect(),
        custom: serde_json::Map::new(),
        external_source: None,
        external_id: None,
    };
    let clean = validate::customer(&draft, Utc::now().date_naive()).map_err(|e| format!("customer {index}: {e:?}"))?;
    keep(&mut recent.phones, clean.phones.first());
    keep(&mut recent.emails, clean.emails.first());
    let placement = Placement {
        stage: LifecycleStage::Prospect,
        owner_id: None,
        team_id: None,
        consent: MarketingConsent::default(),
    };
    let row = customers::new_row(Uuid::nil(), &clean, &placement, None, created_at);
    Ok((row, clean.tags))
}
