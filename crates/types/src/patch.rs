//! PATCH semantics: a field left out means "unchanged", `null` means "clear it".
//! serde collapses both into `None` for a plain `Option`, so nullable fields of an
//! update use `Option<Option<T>>` with this deserializer.

use serde::{Deserialize, Deserializer};

/// Deserialize a present field (even `null`) into `Some(..)`; absent stays `None`
/// thanks to `#[serde(default)]` on the field.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
