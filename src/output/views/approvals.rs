//! A waiting request's columns (`approvals`): which one (its id is what `approve`
//! takes), what it would do to whom, who asked and until when it waits.

use super::super::columns::{Column, Value};
use super::super::Tabular;
use crate::api::ApprovalView;

const COLUMNS: [Column; 8] = [
    Column::new("id", "Id"),
    Column::new("action", "Action"),
    Column::new("millekod", "MilleKod"),
    Column::new("login", "Login"),
    Column::new("requested_by", "Requested by"),
    Column::new("reason", "Reason").text(),
    Column::new("created_at", "Requested").wide(),
    Column::new("expires_at", "Expires"),
];

impl Tabular for ApprovalView {
    fn columns() -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn values(&self) -> Vec<Value> {
        vec![
            Value::text(&self.id),
            Value::text(&self.action),
            Value::text(&self.millekod),
            Value::text(&self.login),
            Value::text(&self.requested_by),
            Value::maybe(self.reason.as_ref()),
            Value::Time(Some(self.created_at)),
            Value::Time(Some(self.expires_at)),
        ]
    }

    fn none() -> &'static str {
        "no requests wait for approval"
    }
}
