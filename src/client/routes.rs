//! One method per route of `/v1`, typed with the wire types of `api`.

use reqwest::Method;
use secrecy::ExposeSecret;

use super::http::read;
use super::{Client, ClientError, ClientEvent, ClientResult};
use crate::api::*;

/// A chunk of phone changes may take the server a while (thousands of rows in one
/// transaction, on a busy database).
const BULK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

impl Client {
    pub async fn health(&self) -> ClientResult<Health> {
        self.call::<(), _>(Method::GET, "v1/health", None).await
    }

    pub async fn start_login(&self, request: &StartLogin) -> ClientResult<Challenge> {
        self.call(Method::POST, "v1/sessions", Some(request)).await
    }

    pub async fn complete_login(
        &self,
        challenge_id: &str,
        answer: &CompleteLogin,
    ) -> ClientResult<SessionCreated> {
        let path = format!("v1/sessions/{}", segment(challenge_id));
        self.call(Method::POST, &path, Some(answer)).await
    }

    pub async fn logout(&self) -> ClientResult<()> {
        self.call_empty::<()>(Method::DELETE, "v1/sessions/current", None)
            .await
    }

    pub async fn me(&self) -> ClientResult<Me> {
        self.call::<(), _>(Method::GET, "v1/me", None).await
    }

    /// One page of a company's users (`next_cursor` names the next).
    pub async fn list_users(
        &self,
        millekod: &MilleKod,
        query: &ListUsersQuery,
    ) -> ClientResult<UserList> {
        let mut pairs = filters(query.status.as_deref(), query.tool, query.limit);
        if let Some(cursor) = &query.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        let path = self.with_query(&format!("v1/companies/{millekod}/users"), &pairs)?;
        self.call::<(), _>(Method::GET, &path, None).await
    }

    pub async fn show_user(
        &self,
        millekod: &MilleKod,
        login: &Login,
        reveal_phone: bool,
    ) -> ClientResult<UserView> {
        let mut path = format!("v1/companies/{millekod}/users/{login}");
        if reveal_phone {
            path.push_str("?reveal_phone=true");
        }
        self.call::<(), _>(Method::GET, &path, None).await
    }

    /// Unblock a user; within the hold after a phone change, a new-password unblock
    /// comes back as a request waiting for a second operator.
    pub async fn unblock(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &UnblockRequest,
    ) -> ClientResult<Unblocked> {
        let path = format!("v1/companies/{millekod}/users/{login}/unblock");
        let response = self.send(Method::POST, &path, Some(request)).await?;
        if response.status() == reqwest::StatusCode::ACCEPTED {
            return Ok(Unblocked::AwaitingApproval(read(response).await?));
        }
        Ok(Unblocked::Done(read(response).await?))
    }

    /// Require a new password of a user; within the hold after a phone change it waits
    /// for a second operator, as an unblock with a new password does.
    pub async fn require_password_change(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &PasswordResetRequest,
    ) -> ClientResult<Unblocked> {
        let path = format!("v1/companies/{millekod}/users/{login}/password-reset");
        let response = self.send(Method::POST, &path, Some(request)).await?;
        if response.status() == reqwest::StatusCode::ACCEPTED {
            return Ok(Unblocked::AwaitingApproval(read(response).await?));
        }
        Ok(Unblocked::Done(read(response).await?))
    }

    /// A new envelope's one-time access password (back-office), shown this once.
    pub async fn issue_envelope(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &IssueEnvelope,
    ) -> ClientResult<UserCreated> {
        let path = format!("v1/companies/{millekod}/users/{login}/envelope");
        self.call(Method::POST, &path, Some(request)).await
    }

    /// Back-office: load a PSKC inventory file.
    pub async fn load_tokens(&self, xml: Vec<u8>) -> ClientResult<TokensLoaded> {
        let url = self.url("v1/token-inventory")?;
        let mut request = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/pskc+xml")
            .body(xml);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        let response = request.send().await.map_err(|e| self.unreachable(e))?;
        read(response).await
    }

    pub async fn token_inventory(&self) -> ClientResult<TokenInventory> {
        self.call::<(), _>(Method::GET, "v1/token-inventory", None)
            .await
    }

    pub async fn assign_token(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &AssignToken,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/token");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn withdraw_token(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &WithdrawToken,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/token/withdraw");
        self.call(Method::POST, &path, Some(request)).await
    }

    /// The requests waiting for a second operator.
    pub async fn approvals(&self) -> ClientResult<ApprovalList> {
        self.call::<(), _>(Method::GET, "v1/approvals", None).await
    }

    /// Approve (and so carry out) another operator's request.
    pub async fn approve(&self, id: &str, request: &ApproveRequest) -> ClientResult<UserView> {
        let path = format!("v1/approvals/{id}/approve");
        self.call(Method::POST, &path, Some(request)).await
    }

    pub async fn set_phone(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &SetPhoneRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/phone");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn set_password_masking(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &SetPasswordMaskingRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/password-masking");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn create_api_token(
        &self,
        request: &CreateApiToken,
    ) -> ClientResult<ApiTokenCreated> {
        self.call(Method::POST, "v1/api-tokens", Some(request))
            .await
    }

    pub async fn list_api_tokens(&self) -> ClientResult<ApiTokenList> {
        self.call::<(), _>(Method::GET, "v1/api-tokens", None).await
    }

    pub async fn revoke_api_token(&self, id: &str, reason: Option<String>) -> ClientResult<()> {
        let path = format!("v1/api-tokens/{}", segment(id));
        self.call_empty(Method::DELETE, &path, Some(&ReasonBody { reason }))
            .await
    }

    /// Send one chunk of phone changes, once. Not retried here: the caller decides,
    /// and retries with the same `idempotency_key`, which the server applies once.
    pub async fn apply_phone_changes(
        &self,
        idempotency_key: Option<&str>,
        batch: &PhoneChangeBatch,
    ) -> ClientResult<PhoneChangeReport> {
        let url = self.url("v1/phone-changes")?;
        let mut request = self
            .http
            .post(url.clone())
            .timeout(BULK_TIMEOUT)
            .json(batch);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        self.tell(ClientEvent::SendingChunk {
            url: &url,
            rows: batch.changes.len(),
        });
        let response = request.send().await.map_err(|e| self.unreachable(e))?;
        self.tell(ClientEvent::ChunkAnswered {
            status: response.status().as_u16(),
        });
        read(response).await
    }

    pub async fn audit(&self, query: &AuditQuery) -> ClientResult<AuditList> {
        let mut url = self.url("v1/audit")?;
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(m) = &query.millekod {
                pairs.append_pair("millekod", m.as_str());
            }
            if let Some(l) = &query.login {
                pairs.append_pair("login", l.as_str());
            }
            if !query.action.is_empty() {
                let names: Vec<&str> = query.action.iter().map(|a| a.as_str()).collect();
                pairs.append_pair("action", &names.join(","));
            }
            if let Some(outcome) = query.outcome {
                pairs.append_pair("outcome", outcome.as_str());
            }
            if let Some(actor) = &query.actor {
                pairs.append_pair("actor", actor);
            }
            for (name, at) in [("since", query.since), ("until", query.until)] {
                if let Some(at) = at {
                    let text = crate::api::timestamp::format(at).ok_or_else(|| {
                        ClientError::Protocol(format!("{name} {at} cannot be sent"))
                    })?;
                    pairs.append_pair(name, &text);
                }
            }
            if let Some(limit) = query.limit {
                pairs.append_pair("limit", &limit.to_string());
            }
            if let Some(cursor) = &query.cursor {
                pairs.append_pair("cursor", cursor);
            }
        }
        let path = match url.query() {
            Some(q) => format!("v1/audit?{q}"),
            None => "v1/audit".to_owned(),
        };
        self.call::<(), _>(Method::GET, &path, None).await
    }

    /// Suspend a user (issue 15; HelpDesk only), with a reason.
    pub async fn suspend_user(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &SuspendRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/suspension");
        self.call(Method::PUT, &path, Some(request)).await
    }

    /// Release a user's suspension (HelpDesk only).
    pub async fn release_user(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &ReleaseRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/suspension");
        self.call(Method::DELETE, &path, Some(request)).await
    }

    /// Resend a one-time access password to a user awaiting one (issue 15).
    pub async fn resend_access_password(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &ResendRequest,
    ) -> ClientResult<AccessPasswordResent> {
        let path = format!("v1/companies/{millekod}/users/{login}/access-password");
        read(self.send(Method::POST, &path, Some(request)).await?).await
    }

    /// A user's timeline, newest first (issue 15).
    pub async fn user_history(
        &self,
        millekod: &MilleKod,
        login: &Login,
        query: &crate::api::HistoryQuery,
    ) -> ClientResult<crate::api::UserHistory> {
        let base = format!("v1/companies/{millekod}/users/{login}/history");
        let mut url = self.url(&base)?;
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(since) = query.since {
                let text = crate::api::timestamp::format(since).ok_or_else(|| {
                    ClientError::Protocol(format!("since {since} cannot be sent"))
                })?;
                pairs.append_pair("since", &text);
            }
            if let Some(limit) = query.limit {
                pairs.append_pair("limit", &limit.to_string());
            }
        }
        let path = match url.query() {
            Some(q) if !q.is_empty() => format!("{base}?{q}"),
            _ => base,
        };
        self.call::<(), _>(Method::GET, &path, None).await
    }
}

impl Client {
    /// One page of a search across companies (`GET /v1/users`).
    pub async fn find_users(&self, query: &UserSearchQuery) -> ClientResult<UserSearchPage> {
        let mut pairs = vec![("q", query.q.clone())];
        if let Some(m) = &query.millekod {
            pairs.push(("millekod", m.as_str().to_owned()));
        }
        pairs.extend(filters(query.status.as_deref(), query.tool, query.limit));
        if let Some(cursor) = &query.cursor {
            pairs.push(("cursor", cursor.clone()));
        }
        let path = self.with_query("v1/users", &pairs)?;
        self.call::<(), _>(Method::GET, &path, None).await
    }

    /// `path` with `pairs` as its query string, percent-encoded.
    fn with_query(&self, path: &str, pairs: &[(&str, String)]) -> ClientResult<String> {
        let mut url = self.url(path)?;
        url.query_pairs_mut().extend_pairs(pairs);
        Ok(match url.query() {
            Some(q) if !q.is_empty() => format!("{path}?{q}"),
            _ => path.to_owned(),
        })
    }
}

/// The filters a search and a list share, as query pairs.
fn filters(
    status: Option<&str>,
    tool: Option<AuthTool>,
    limit: Option<u32>,
) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if let Some(status) = status {
        pairs.push(("status", status.to_owned()));
    }
    if let Some(tool) = tool {
        pairs.push(("tool", tool.as_str().to_owned()));
    }
    if let Some(limit) = limit {
        pairs.push(("limit", limit.to_string()));
    }
    pairs
}

/// A path segment from free text, percent-encoded.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// What an unblock (or a required password change) came to.
#[derive(Debug)]
pub enum Unblocked {
    Done(UserView),
    /// Held: a second operator must approve (`millectl approve ID`).
    AwaitingApproval(ApprovalView),
}
