//! Who may do what (R11): the authorization policy as one pure function.
//!
//! - HelpDesk operators act on any company and never see secrets.
//! - A co-user acts only inside their own MilleKod and only on *other* users: show,
//!   list, both unblocks and requiring a new password (which leads where "unblock new
//!   password" does). Nobody unblocks themselves.
//! - The password-masking switch belongs to the user themself (R3) and needs no
//!   authorization beyond being logged in.
//! - API tokens act for the operator who created them, within their scopes only.
//! - Operators unblock each other (never themselves); no token or co-user can, so a
//!   locked-out HelpDesk has a way back that is not open to scripts.
//! - Back-office (bank staff with their own role, which HelpDesk does not hold) issues
//!   envelopes with one-time access passwords, a channel HelpDesk does not control;
//!   it provisions and looks users up, and does nothing of HelpDesk's.
//!
//! - Suspension (issue 15), the bank's block on purpose, and its release are HelpDesk's
//!   alone: no co-user (not even of a colleague), no back-office, no API token scope.
//!
//! Everything not allowed here is a 403 that the server audits.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ids::{Login, MilleKod};

/// What an API token may do.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Scope {
    #[serde(rename = "users:read")]
    UsersRead,
    #[serde(rename = "users:unblock")]
    UsersUnblock,
    #[serde(rename = "phones:write")]
    PhonesWrite,
    #[serde(rename = "audit:read")]
    AuditRead,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::UsersRead,
        Scope::UsersUnblock,
        Scope::PhonesWrite,
        Scope::AuditRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::UsersRead => "users:read",
            Self::UsersUnblock => "users:unblock",
            Self::PhonesWrite => "phones:write",
            Self::AuditRead => "audit:read",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown scope {s:?}; known: users:read, users:unblock, phones:write, audit:read"
                )
            })
    }
}

/// Who is making a request, as established by the server's authentication.
/// The role of bank staff outside any MilleKod.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorRole {
    HelpDesk,
    BackOffice,
}

impl OperatorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HelpDesk => "help_desk",
            Self::BackOffice => "back_office",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::HelpDesk, Self::BackOffice]
            .into_iter()
            .find(|role| role.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// A HelpDesk operator.
    Operator { user_id: i64, login: Login },
    /// Back-office staff.
    BackOffice { user_id: i64, login: Login },
    CoUser {
        user_id: i64,
        millekod: MilleKod,
        login: Login,
    },
    ApiToken {
        token_id: String,
        name: String,
        scopes: BTreeSet<Scope>,
        /// The operator who created the token and on whose behalf it acts.
        owner_login: Login,
    },
}

impl Principal {
    /// How the audit names this principal, e.g. `operator:helpdesk`,
    /// `user:12345678/anna`, `token:batch-2026`.
    pub fn audit_name(&self) -> String {
        match self {
            Self::Operator { login, .. } => format!("operator:{login}"),
            Self::BackOffice { login, .. } => format!("back_office:{login}"),
            Self::CoUser {
                millekod, login, ..
            } => format!("user:{millekod}/{login}"),
            Self::ApiToken { name, .. } => format!("token:{name}"),
        }
    }

    /// For whom the principal acts: an API token acts for its owner.
    pub fn on_behalf_of(&self) -> Option<String> {
        match self {
            Self::ApiToken { owner_login, .. } => Some(format!("operator:{owner_login}")),
            _ => None,
        }
    }
}

/// Administrative actions the policy rules on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ListUsers,
    ShowUser,
    RevealPhone,
    Unblock,
    /// Make a user set a new password (issue 13): the same one-time access password
    /// and the same rules as "unblock new password", for a user who is not blocked too.
    RequirePasswordChange,
    SetPhone,
    SetPasswordMasking,
    ReadAudit,
    /// Create companies and users, assign hardware tokens (bank back-office).
    Provision,
    ManageApiTokens,
    /// Three more attempts for another operator (R9 for HelpDesk itself).
    UnblockOperator,
    /// See and approve what another operator asked for (maker–checker).
    Approve,
    /// A new one-time access password in a sealed envelope (back-office).
    IssueEnvelope,
    /// Load the vendor's hardware-token inventory (back-office).
    LoadTokens,
    /// Block a user on purpose, with a reason (issue 15): HelpDesk only.
    Suspend,
    /// Lift a suspension (issue 15): HelpDesk only.
    ReleaseSuspension,
}

impl Action {
    fn scope(self) -> Option<Scope> {
        match self {
            Self::ListUsers | Self::ShowUser | Self::RevealPhone => Some(Scope::UsersRead),
            Self::Unblock | Self::RequirePasswordChange => Some(Scope::UsersUnblock),
            Self::SetPhone => Some(Scope::PhonesWrite),
            Self::ReadAudit => Some(Scope::AuditRead),
            Self::SetPasswordMasking
            | Self::Provision
            | Self::ManageApiTokens
            | Self::UnblockOperator
            | Self::Approve
            | Self::IssueEnvelope
            | Self::LoadTokens
            // No scope allows a suspension or its release: a script that could lock
            // users out (or let them back in) on its own is what the bank's own
            // block must not be.
            | Self::Suspend
            | Self::ReleaseSuspension => None,
        }
    }
}

/// What an action is aimed at: a company, and a user inside it where there is one.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub millekod: Option<&'a MilleKod>,
    pub login: Option<&'a Login>,
}

impl<'a> Target<'a> {
    pub fn none() -> Self {
        Self {
            millekod: None,
            login: None,
        }
    }

    pub fn company(millekod: &'a MilleKod) -> Self {
        Self {
            millekod: Some(millekod),
            login: None,
        }
    }

    pub fn user(millekod: &'a MilleKod, login: &'a Login) -> Self {
        Self {
            millekod: Some(millekod),
            login: Some(login),
        }
    }

    /// An operator: a login outside any MilleKod (R1).
    pub fn operator(login: &'a Login) -> Self {
        Self {
            millekod: None,
            login: Some(login),
        }
    }
}

/// Why the policy said no; the message is safe to show the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("nobody can do this to their own account")]
    OwnAccount,
    #[error("co-users act only inside their own MilleKod")]
    OtherCompany,
    #[error("the API token lacks the {0} scope")]
    MissingScope(Scope),
    #[error("only HelpDesk operators can do this")]
    OperatorsOnly,
    #[error("only the user themself can do this")]
    UserThemselfOnly,
    #[error("only back-office can do this")]
    BackOfficeOnly,
}

/// Decide whether `principal` may perform `action` on `target`.
pub fn authorize(principal: &Principal, action: Action, target: Target<'_>) -> Result<(), Denied> {
    match principal {
        Principal::BackOffice { .. } => match action {
            Action::IssueEnvelope
            | Action::LoadTokens
            | Action::Provision
            | Action::ShowUser
            | Action::ListUsers => Ok(()),
            Action::SetPasswordMasking => Err(Denied::UserThemselfOnly),
            _ => Err(Denied::OperatorsOnly),
        },
        Principal::Operator { login, .. } => match action {
            Action::SetPasswordMasking => Err(Denied::UserThemselfOnly),
            Action::IssueEnvelope | Action::LoadTokens => Err(Denied::BackOfficeOnly),
            Action::UnblockOperator if target.millekod.is_none() && target.login == Some(login) => {
                Err(Denied::OwnAccount)
            }
            _ => Ok(()),
        },
        Principal::ApiToken { scopes, .. } => match action.scope() {
            _ if matches!(action, Action::IssueEnvelope | Action::LoadTokens) => {
                Err(Denied::BackOfficeOnly)
            }
            Some(scope) if scopes.contains(&scope) => Ok(()),
            Some(scope) => Err(Denied::MissingScope(scope)),
            None if action == Action::SetPasswordMasking => Err(Denied::UserThemselfOnly),
            None => Err(Denied::OperatorsOnly),
        },
        Principal::CoUser {
            millekod, login, ..
        } => {
            let same_company = target.millekod == Some(millekod);
            let is_self = same_company && target.login == Some(login);
            match action {
                Action::SetPasswordMasking if is_self => Ok(()),
                Action::SetPasswordMasking => Err(Denied::UserThemselfOnly),
                Action::ListUsers
                | Action::ShowUser
                | Action::Unblock
                | Action::RequirePasswordChange => {
                    if !same_company {
                        Err(Denied::OtherCompany)
                    } else if is_self && action != Action::ListUsers {
                        Err(Denied::OwnAccount)
                    } else {
                        Ok(())
                    }
                }
                Action::RevealPhone
                | Action::SetPhone
                | Action::ReadAudit
                | Action::Provision
                | Action::ManageApiTokens
                | Action::UnblockOperator
                | Action::Approve
                // Not even of a colleague (issue 15; README "Suspending a user"): a
                // co-user who could suspend could lock out every colleague who might
                // unblock or watch them, and only the bank could undo it.
                | Action::Suspend
                | Action::ReleaseSuspension => Err(Denied::OperatorsOnly),
                Action::IssueEnvelope | Action::LoadTokens => Err(Denied::BackOfficeOnly),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kod(s: &str) -> MilleKod {
        MilleKod::parse(s).unwrap()
    }
    fn login(s: &str) -> Login {
        Login::parse(s).unwrap()
    }
    fn anna() -> Principal {
        Principal::CoUser {
            user_id: 1,
            millekod: kod("12345678"),
            login: login("anna"),
        }
    }
    fn token(scopes: &[Scope]) -> Principal {
        Principal::ApiToken {
            token_id: "t".into(),
            name: "batch".into(),
            scopes: scopes.iter().copied().collect(),
            owner_login: login("helpdesk"),
        }
    }
    fn operator() -> Principal {
        Principal::Operator {
            user_id: 9,
            login: login("helpdesk"),
        }
    }

    #[test]
    fn envelopes_are_back_office_only_and_back_office_does_no_helpdesk_work() {
        let (k, jan) = (kod("12345678"), login("jan"));
        let user = Target::user(&k, &jan);
        let back_office = Principal::BackOffice {
            user_id: 5,
            login: login("zofia"),
        };
        assert_eq!(authorize(&back_office, Action::IssueEnvelope, user), Ok(()));
        assert_eq!(authorize(&back_office, Action::ShowUser, user), Ok(()));
        for action in [
            Action::Unblock,
            Action::SetPhone,
            Action::RevealPhone,
            Action::Approve,
            Action::ManageApiTokens,
            Action::ReadAudit,
        ] {
            assert!(authorize(&back_office, action, user).is_err(), "{action:?}");
        }
        for helpdesk in [operator(), token(&Scope::ALL), anna()] {
            assert_eq!(
                authorize(&helpdesk, Action::IssueEnvelope, user),
                Err(Denied::BackOfficeOnly)
            );
        }
        assert_eq!(back_office.audit_name(), "back_office:zofia");
    }

    #[test]
    fn operators_unblock_other_operators_and_nobody_else_does() {
        let (helpdesk, other) = (login("helpdesk"), login("second"));
        assert_eq!(
            authorize(
                &operator(),
                Action::UnblockOperator,
                Target::operator(&other)
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &operator(),
                Action::UnblockOperator,
                Target::operator(&helpdesk)
            ),
            Err(Denied::OwnAccount)
        );
        let all = [Scope::UsersRead, Scope::UsersUnblock, Scope::PhonesWrite];
        assert_eq!(
            authorize(
                &token(&all),
                Action::UnblockOperator,
                Target::operator(&other)
            ),
            Err(Denied::OperatorsOnly)
        );
        assert_eq!(
            authorize(&anna(), Action::UnblockOperator, Target::operator(&other)),
            Err(Denied::OperatorsOnly)
        );
    }

    #[test]
    fn co_user_unblocks_colleagues_of_own_company_only() {
        let (k, other_k) = (kod("12345678"), kod("87654321"));
        let (jan, anna_login) = (login("jan"), login("anna"));
        assert_eq!(
            authorize(&anna(), Action::Unblock, Target::user(&k, &jan)),
            Ok(())
        );
        assert_eq!(
            authorize(&anna(), Action::Unblock, Target::user(&other_k, &jan)),
            Err(Denied::OtherCompany)
        );
        assert_eq!(
            authorize(&anna(), Action::Unblock, Target::user(&k, &anna_login)),
            Err(Denied::OwnAccount)
        );
        assert_eq!(
            authorize(&anna(), Action::ShowUser, Target::user(&k, &anna_login)),
            Err(Denied::OwnAccount)
        );
        assert_eq!(
            authorize(&anna(), Action::ListUsers, Target::company(&k)),
            Ok(())
        );
        assert_eq!(
            authorize(&anna(), Action::ListUsers, Target::company(&other_k)),
            Err(Denied::OtherCompany)
        );
        assert_eq!(
            authorize(&anna(), Action::SetPhone, Target::user(&k, &jan)),
            Err(Denied::OperatorsOnly)
        );
    }

    #[test]
    fn a_password_change_is_required_by_whoever_may_unblock() {
        let (k, other_k) = (kod("12345678"), kod("87654321"));
        let (jan, anna_login) = (login("jan"), login("anna"));
        let action = Action::RequirePasswordChange;
        let back_office = Principal::BackOffice {
            user_id: 5,
            login: login("zofia"),
        };
        for (principal, target) in [
            (operator(), Target::user(&other_k, &jan)),
            (anna(), Target::user(&k, &jan)),
            (anna(), Target::user(&other_k, &jan)),
            (anna(), Target::user(&k, &anna_login)),
            (token(&[Scope::UsersUnblock]), Target::user(&k, &jan)),
            (
                token(&[Scope::UsersRead, Scope::PhonesWrite]),
                Target::user(&k, &jan),
            ),
            (back_office, Target::user(&k, &jan)),
        ] {
            assert_eq!(
                authorize(&principal, action, target),
                authorize(&principal, Action::Unblock, target),
                "{principal:?}"
            );
        }
        assert_eq!(
            authorize(&anna(), action, Target::user(&k, &anna_login)),
            Err(Denied::OwnAccount)
        );
        assert_eq!(
            authorize(&token(&[Scope::UsersRead]), action, Target::user(&k, &jan)),
            Err(Denied::MissingScope(Scope::UsersUnblock))
        );
    }

    #[test]
    fn masking_switch_is_the_users_own() {
        let k = kod("12345678");
        assert_eq!(
            authorize(
                &anna(),
                Action::SetPasswordMasking,
                Target::user(&k, &login("anna"))
            ),
            Ok(())
        );
        assert_eq!(
            authorize(
                &anna(),
                Action::SetPasswordMasking,
                Target::user(&k, &login("jan"))
            ),
            Err(Denied::UserThemselfOnly)
        );
        assert_eq!(
            authorize(
                &operator(),
                Action::SetPasswordMasking,
                Target::user(&k, &login("jan"))
            ),
            Err(Denied::UserThemselfOnly)
        );
    }

    #[test]
    fn tokens_act_within_scopes() {
        let k = kod("12345678");
        let jan = login("jan");
        let reader = token(&[Scope::UsersRead]);
        assert_eq!(
            authorize(&reader, Action::ShowUser, Target::user(&k, &jan)),
            Ok(())
        );
        assert_eq!(
            authorize(&reader, Action::SetPhone, Target::user(&k, &jan)),
            Err(Denied::MissingScope(Scope::PhonesWrite))
        );
        assert_eq!(
            authorize(&token(&Scope::ALL), Action::Provision, Target::none()),
            Err(Denied::OperatorsOnly)
        );
    }

    #[test]
    fn operators_act_on_any_company() {
        for k in ["12345678", "87654321"] {
            let k = kod(k);
            for action in [Action::ShowUser, Action::Unblock, Action::SetPhone] {
                assert_eq!(
                    authorize(&operator(), action, Target::user(&k, &login("x"))),
                    Ok(())
                );
            }
        }
    }

    #[test]
    fn scope_text_roundtrips() {
        for scope in Scope::ALL {
            assert_eq!(scope.as_str().parse::<Scope>(), Ok(scope));
        }
        assert!("users:*".parse::<Scope>().is_err());
    }

    #[test]
    fn only_helpdesk_suspends_and_releases() {
        let (k, other_k) = (kod("12345678"), kod("87654321"));
        let (jan, anna_login) = (login("jan"), login("anna"));
        let back_office = Principal::BackOffice {
            user_id: 5,
            login: login("zofia"),
        };
        let every_scope = token(&Scope::ALL);
        for action in [Action::Suspend, Action::ReleaseSuspension] {
            assert_eq!(
                authorize(&operator(), action, Target::user(&other_k, &jan)),
                Ok(())
            );
            for target in [
                Target::user(&k, &jan),
                Target::user(&k, &anna_login),
                Target::user(&other_k, &jan),
            ] {
                assert_eq!(
                    authorize(&anna(), action, target),
                    Err(Denied::OperatorsOnly)
                );
                assert_eq!(
                    authorize(&every_scope, action, target),
                    Err(Denied::OperatorsOnly)
                );
                assert_eq!(
                    authorize(&back_office, action, target),
                    Err(Denied::OperatorsOnly)
                );
            }
        }
    }
}
