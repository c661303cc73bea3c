//! A JSON column read straight into its Rust type.
//!
//! A column declared as `Json` is parsed into a `serde_json::Value` tree,
//! which is then converted again into the type the API sends. On a page of
//! customers that first parse was half of decoding the rows. The driver can
//! parse the column's text (SQLite) or bytes (PostgreSQL) into the final
//! type at once; this wrapper asks it to.
//!
//! A value that does not parse — written by hand into the database, not by
//! this code — is logged and read as the type's default, as the other
//! conversions of stored values do, rather than failing a whole page.

use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable, TryGetableFromJson, Value};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A JSON column holding a `T`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypedJson<T>(pub T);

/// What the driver parses the column into; a separate type, because sea-orm
/// reads every `TryGetableFromJson` strictly.
#[derive(Deserialize)]
#[serde(transparent)]
struct Strict<T>(T);

impl<T: DeserializeOwned> TryGetableFromJson for Strict<T> {}

impl<T: DeserializeOwned + Default> TryGetable for TypedJson<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        match Strict::<T>::try_get_from_json(res, index) {
            Ok(Strict(value)) => Ok(TypedJson(value)),
            Err(TryGetError::DbErr(error)) => {
                tracing::warn!(column = ?index, %error, "unreadable JSON column");
                Ok(TypedJson(T::default()))
            }
            Err(null) => Err(null),
        }
    }
}

impl<T: Serialize> From<TypedJson<T>> for Value {
    fn from(typed: TypedJson<T>) -> Self {
        // Serialising the API's types cannot fail: their maps have string keys.
        Value::Json(serde_json::to_value(&typed.0).ok().map(Box::new))
    }
}

impl<T: DeserializeOwned> ValueType for TypedJson<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        match value {
            Value::Json(Some(json)) => serde_json::from_value(*json).map(TypedJson).map_err(|_| ValueTypeErr),
            _ => Err(ValueTypeErr),
        }
    }

    fn type_name() -> String {
        format!("TypedJson<{}>", std::any::type_name::<T>())
    }

    fn array_type() -> ArrayType {
        ArrayType::Json
    }

    fn column_type() -> ColumnType {
        ColumnType::JsonBinary
    }
}

impl<T> Nullable for TypedJson<T> {
    fn null() -> Value {
        Value::Json(None)
    }
}

impl<T> std::ops::Deref for TypedJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

    use super::*;
    use crate::Db;

    async fn read(db: &Db, sql: &str) -> Result<Option<TypedJson<Vec<String>>>, DbErr> {
        let statement = Statement::from_string(DbBackend::Sqlite, sql);
        let row = db.conn().query_one_raw(statement).await?.ok_or(DbErr::RecordNotFound("no row".into()))?;
        Option::<TypedJson<Vec<String>>>::try_get_by(&row, "doc").map_err(DbErr::from)
    }

    #[tokio::test]
    async fn reads_typed_values_and_defaults_unreadable_ones() -> Result<(), Box<dyn std::error::Error>> {
        let db = Db::connect("sqlite::memory:", 1).await?;
        let list = read(&db, r#"SELECT '["a","b"]' AS doc"#).await?;
        assert_eq!(list, Some(TypedJson(vec!["a".to_owned(), "b".to_owned()])));
        assert_eq!(read(&db, "SELECT 'not json' AS doc").await?, Some(TypedJson(Vec::new())));
        assert_eq!(read(&db, "SELECT NULL AS doc").await?, None);
        Ok(())
    }

    #[test]
    fn writes_as_json_values() {
        let value: Value = TypedJson(vec!["x".to_owned()]).into();
        assert_eq!(value, Value::Json(Some(Box::new(serde_json::json!(["x"])))));
        let back = <TypedJson<Vec<String>> as ValueType>::try_from(value);
        assert_eq!(back.ok(), Some(TypedJson(vec!["x".to_owned()])));
    }
}
