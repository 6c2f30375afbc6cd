//! Typed requests: the calls the suite repeats, each taking and giving the
//! `millectl::api` types, so a test reads as what it asks ("unblock jan with his current
//! password") instead of a path and a `json!` body. Tests of malformed input keep
//! sending raw bodies through `Api::post`/`Api::traced`: that is what they test.

use std::marker::PhantomData;
use std::ops::Deref;

use millectl::api::{
    ApiTokenCreated, ApiTokenList, AuditList, AuditQuery, AuditRecord, CreateApiToken, CreateUser,
    ListUsersQuery, PhoneChangeBatch, PhoneChangeReport, Scope, SetPhoneRequest, UnblockMode,
    UnblockRequest, UserCreated, UserList, UserView,
};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Answer, Api};

/// An answer whose success body is a `T`: `ok()` asserts success and parses it; a
/// refusal is read as any [`Answer`] (`expect_problem`, `status`, …).
#[derive(Debug)]
pub struct Reply<T> {
    pub answer: Answer,
    expects: PhantomData<T>,
}

impl<T: DeserializeOwned> Reply<T> {
    /// Assert a 2xx answer; its body as a `T`.
    pub fn ok(&self) -> T {
        self.answer.expect_ok();
        self.answer.json()
    }
}

impl<T> Deref for Reply<T> {
    type Target = Answer;

    fn deref(&self) -> &Answer {
        &self.answer
    }
}

impl<T> From<Answer> for Reply<T> {
    fn from(answer: Answer) -> Self {
        Self {
            answer,
            expects: PhantomData,
        }
    }
}

fn body(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).expect("a request body serialises")
}

fn user_path(millekod: &str, login: &str) -> String {
    format!("/v1/companies/{millekod}/users/{login}")
}

impl Api {
    /// `GET /v1/companies/{millekod}/users/{login}`; the caller needs `users:read`.
    pub async fn show_user(&self, millekod: &str, login: &str) -> Reply<UserView> {
        self.get(&user_path(millekod, login)).await.into()
    }

    /// A user as HelpDesk sees it; the caller needs `users:read` (e.g. the dev API token).
    pub async fn user_view(&self, millekod: &str, login: &str) -> UserView {
        self.show_user(millekod, login).await.ok()
    }

    /// `user show` without its advice (`last_failure`, `blocked_by`, `actions`,
    /// `co_users_who_can_help`): the user as a write's answer gives it back.
    pub async fn user_state(&self, millekod: &str, login: &str) -> UserView {
        UserView {
            last_failure: None,
            blocked_by: None,
            actions: Vec::new(),
            co_users_who_can_help: None,
            ..self.user_view(millekod, login).await
        }
    }

    /// `GET /v1/companies/{millekod}/users` with a filter.
    pub async fn list_users(&self, millekod: &str, query: &ListUsersQuery) -> Reply<UserList> {
        let answer = self
            .send_query(
                Method::GET,
                &format!("/v1/companies/{millekod}/users"),
                query,
            )
            .await;
        answer.into()
    }

    /// `POST /v1/companies/{millekod}/users` (operators).
    pub async fn create_user(&self, millekod: &str, user: &CreateUser) -> Reply<UserCreated> {
        self.post(&format!("/v1/companies/{millekod}/users"), body(user))
            .await
            .into()
    }

    /// `POST …/users/{login}/unblock`: an answer of 200 carries the user; one held for
    /// a second operator is a 202 with the approval.
    pub async fn unblock(
        &self,
        millekod: &str,
        login: &str,
        mode: UnblockMode,
        reason: Option<&str>,
    ) -> Reply<UserView> {
        let request = UnblockRequest {
            mode,
            reason: reason.map(str::to_owned),
            dry_run: false,
        };
        let path = format!("{}/unblock", user_path(millekod, login));
        self.post(&path, body(&request)).await.into()
    }

    /// `PUT …/users/{login}/phone`, the number as people type it.
    pub async fn set_phone(
        &self,
        millekod: &str,
        login: &str,
        phone: &str,
        reason: Option<&str>,
    ) -> Reply<UserView> {
        let request = SetPhoneRequest {
            phone: phone.to_owned(),
            reason: reason.map(str::to_owned),
        };
        let path = format!("{}/phone", user_path(millekod, login));
        self.put(&path, body(&request)).await.into()
    }

    /// `POST /v1/api-tokens` (operators).
    pub async fn create_api_token(&self, request: &CreateApiToken) -> Reply<ApiTokenCreated> {
        self.post("/v1/api-tokens", body(request)).await.into()
    }

    /// `GET /v1/api-tokens` (operators).
    pub async fn list_api_tokens(&self) -> Reply<ApiTokenList> {
        self.get("/v1/api-tokens").await.into()
    }

    /// An API token with these scopes, created by this (operator) session: a client
    /// authenticated with it.
    pub async fn api_token_client(&self, name: &str, scopes: &[Scope]) -> Api {
        let created = self
            .create_api_token(&CreateApiToken {
                name: name.to_owned(),
                scopes: scopes.to_vec(),
                expires_in_s: None,
                reason: None,
            })
            .await;
        assert_eq!(created.status.as_u16(), 201, "{}", created.body);
        self.with_token(created.ok().token.expose())
    }

    /// `GET /v1/audit` with a filter (the caller needs `audit:read`).
    pub async fn audit(&self, query: &AuditQuery) -> Reply<AuditList> {
        self.send_query(Method::GET, "/v1/audit", query)
            .await
            .into()
    }

    /// Every audit record about one user, newest first (the caller needs `audit:read`).
    pub async fn audit_of(&self, millekod: &str, login: &str) -> Vec<AuditRecord> {
        let query = AuditQuery {
            millekod: Some(millectl::api::MilleKod::parse(millekod).expect("millekod")),
            login: Some(millectl::api::Login::parse(login).expect("login")),
            limit: Some(1000),
            ..AuditQuery::default()
        };
        self.audit(&query).await.ok().records
    }

    /// `POST /v1/phone-changes` with an idempotency key (none when `key` is `None`).
    pub async fn change_phones(
        &self,
        key: Option<&str>,
        batch: &PhoneChangeBatch,
    ) -> Reply<PhoneChangeReport> {
        self.phone_changes(key, &body(batch)).await.into()
    }
}
