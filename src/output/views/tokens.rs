//! An API token's columns (`api-token list`, `api-token create`). Never the secret:
//! the view has none.

use super::super::columns::{Column, Value};
use super::super::Tabular;
use crate::api::ApiTokenView;

const COLUMNS: [Column; 7] = [
    Column::new("id", "Id"),
    Column::new("name", "Name").text(),
    Column::new("scopes", "Scopes").text(),
    Column::new("created_by", "Created by").wide(),
    Column::new("created_at", "Created").wide(),
    Column::new("expires_at", "Expires"),
    Column::new("revoked_at", "Revoked"),
];

impl Tabular for ApiTokenView {
    fn columns() -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn values(&self) -> Vec<Value> {
        let scopes: Vec<&str> = self.scopes.iter().map(|s| s.as_str()).collect();
        vec![
            Value::text(&self.id),
            Value::text(&self.name),
            Value::text(scopes.join(" ")),
            Value::text(&self.created_by),
            Value::Time(Some(self.created_at)),
            Value::Time(Some(self.expires_at)),
            Value::Time(self.revoked_at),
        ]
    }

    fn none() -> &'static str {
        "no API tokens"
    }
}
