//! An audit record's columns (`audit`): when, who, did what, to whom, with what
//! outcome and why. The request id, the ids and the detail are in `-o wide`.

use super::super::columns::{Column, Tone, Value};
use super::super::Tabular;
use crate::api::AuditRecord;

const COLUMNS: [Column; 12] = [
    Column::new("id", "Id").wide(),
    Column::new("at", "Time"),
    // `token:dev-helpdesk`, `operator:helpdesk`: may be cut before the reason is.
    Column::new("actor", "Actor").text(),
    Column::new("on_behalf_of", "On behalf of").wide(),
    Column::new("action", "Action"),
    // People read "12345678/jan" in one column; scripts get the two keys below.
    Column::new("user", "User").people(),
    Column::new("millekod", "MilleKod").wide(),
    Column::new("login", "Login").wide(),
    Column::new("outcome", "Outcome"),
    Column::new("reason", "Reason").text(),
    Column::new("detail", "Detail").text().wide(),
    Column::new("request_id", "Request id").wide(),
];

impl Tabular for AuditRecord {
    fn columns() -> Vec<Column> {
        COLUMNS.to_vec()
    }

    fn values(&self) -> Vec<Value> {
        let user = match (&self.millekod, &self.login) {
            (Some(m), Some(l)) => Some(format!("{m}/{l}")),
            (Some(m), None) => Some(m.clone()),
            (None, Some(l)) => Some(l.clone()),
            (None, None) => None,
        };
        let tone = match self.outcome.as_str() {
            "success" => Tone::Good,
            "pending" => Tone::Warn,
            _ => Tone::Bad,
        };
        vec![
            Value::text(self.id),
            Value::Time(Some(self.at)),
            Value::text(&self.actor),
            Value::maybe(self.on_behalf_of.as_ref()),
            Value::text(&self.action),
            Value::Maybe(user),
            Value::maybe(self.millekod.as_ref()),
            Value::maybe(self.login.as_ref()),
            Value::Status(self.outcome.clone(), tone),
            Value::maybe(self.reason.as_ref()),
            Value::maybe(self.detail.as_ref()),
            Value::text(&self.request_id),
        ]
    }

    fn none() -> &'static str {
        "no audit records match"
    }
}
