//! What happened to the bank's users, counted: logins by outcome and by the factor
//! that was wrong, blocks, unblocks by mode and by who did them, SMS sent or failed and
//! why, phone-change rows by outcome.
//!
//! Counts only: no label names a person, a company, a number or an address, and every
//! label value is one of a fixed set the code spells out (the types here), so a flood
//! of made-up logins adds to a count and never a series.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

use crate::domain::lockout::UnblockMode;
use crate::domain::login_attempt::{Factor, FailedFactors};
use crate::domain::phone_change::RowOutcome;
use crate::server::access_log::ActorKind;
use crate::server::sms::SmsKind;

/// How step 2 of a login ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoginOutcome {
    Success,
    /// A factor was wrong (a real user's or an unknown login's).
    WrongCredentials,
    /// Refused: blocked before the check (the same answer for an unknown login's decoy).
    Blocked,
    Suspended,
    /// Every attempt left was held by a check still running.
    Busy,
    /// The challenge was unknown, used, expired or no longer fitted the user.
    Expired,
    /// Malformed, or a new password the policy refuses: no attempt spent.
    Invalid,
    /// Turned away before any look-up: the per-source limit or a full hash gate.
    NotAdmitted,
    /// The mask key could not compute; the attempt was given back.
    KeyUnavailable,
    /// A failure of ours (the database, a lost task).
    Error,
}

impl LoginOutcome {
    const ALL: [Self; 10] = [
        Self::Success,
        Self::WrongCredentials,
        Self::Blocked,
        Self::Suspended,
        Self::Busy,
        Self::Expired,
        Self::Invalid,
        Self::NotAdmitted,
        Self::KeyUnavailable,
        Self::Error,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::WrongCredentials => "wrong_credentials",
            Self::Blocked => "blocked",
            Self::Suspended => "suspended",
            Self::Busy => "busy",
            Self::Expired => "expired",
            Self::Invalid => "invalid",
            Self::NotAdmitted => "not_admitted",
            Self::KeyUnavailable => "key_unavailable",
            Self::Error => "error",
        }
    }
}

/// Why an SMS did not go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SmsFailure {
    /// The gateway answered 4xx: it will not take this message.
    Refused,
    /// The gateway answered 5xx or could not be reached, through every retry.
    Unreachable,
    /// No gateway is configured (`--sms-webhook-url`).
    NoGateway,
    /// The queue of messages to send was full: dropped before any try.
    QueueFull,
    /// `--dev`'s outbox file could not be written.
    Outbox,
}

impl SmsFailure {
    const ALL: [Self; 5] = [
        Self::Refused,
        Self::Unreachable,
        Self::NoGateway,
        Self::QueueFull,
        Self::Outbox,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::Refused => "refused",
            Self::Unreachable => "unreachable",
            Self::NoGateway => "no_gateway",
            Self::QueueFull => "queue_full",
            Self::Outbox => "outbox",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct FactorLabel {
    factor: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct UnblockLabels {
    mode: &'static str,
    actor: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct SmsFailureLabels {
    kind: &'static str,
    reason: &'static str,
}

/// The failed factor of an unknown login, which has none of its own.
const UNKNOWN_LOGIN: &str = "unknown_login";

pub struct Events {
    logins: Family<OutcomeLabel, Counter>,
    failed_factors: Family<FactorLabel, Counter>,
    blocks: Counter,
    unblocks: Family<UnblockLabels, Counter>,
    sms_sent: Family<KindLabel, Counter>,
    sms_failed: Family<SmsFailureLabels, Counter>,
    phone_rows: Family<OutcomeLabel, Counter>,
}

impl Events {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let logins = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "logins",
            "Login checks (step 2) by outcome; an unknown login's decoy counts as a real \
             user's would",
            logins.clone(),
        );
        let failed_factors = Family::<FactorLabel, Counter>::default();
        registry.register(
            "login_failed_factors",
            "Wrong factors of failed logins, each wrong factor once (an attempt may have \
             several); unknown_login for a login that does not exist",
            failed_factors.clone(),
        );
        let blocks = Counter::default();
        registry.register(
            "users_blocked",
            "Users blocked by their last allowed failure (unknown logins' decoys not counted)",
            blocks.clone(),
        );
        let unblocks = Family::<UnblockLabels, Counter>::default();
        registry.register(
            "unblocks",
            "Users unblocked, by mode and by the kind of caller who did it",
            unblocks.clone(),
        );
        let sms_sent = Family::<KindLabel, Counter>::default();
        registry.register(
            "sms_sent",
            "SMS the gateway took, by kind",
            sms_sent.clone(),
        );
        let sms_failed = Family::<SmsFailureLabels, Counter>::default();
        registry.register(
            "sms_failed",
            "SMS that did not go, by kind and reason",
            sms_failed.clone(),
        );
        let phone_rows = Family::<OutcomeLabel, Counter>::default();
        registry.register(
            "phone_change_rows",
            "Rows of applied phone-change batches by outcome (dry runs and replays of an \
             applied batch not counted)",
            phone_rows.clone(),
        );
        Self {
            logins,
            failed_factors,
            blocks,
            unblocks,
            sms_sent,
            sms_failed,
            phone_rows,
        }
    }

    pub fn login(&self, outcome: LoginOutcome) {
        self.logins
            .get_or_create(&OutcomeLabel {
                outcome: outcome.as_str(),
            })
            .inc();
    }

    /// A known user's failed check: each wrong factor.
    pub fn failed_factors(&self, failed: &FailedFactors) {
        for factor in failed.factors() {
            self.failed_factor(factor.as_str());
        }
    }

    /// An unknown login's failed check.
    pub fn failed_unknown_login(&self) {
        self.failed_factor(UNKNOWN_LOGIN);
    }

    fn failed_factor(&self, factor: &'static str) {
        self.failed_factors
            .get_or_create(&FactorLabel { factor })
            .inc();
    }

    pub fn blocked(&self) {
        self.blocks.inc();
    }

    pub fn unblocked(&self, mode: UnblockMode, actor: ActorKind) {
        self.unblocks
            .get_or_create(&UnblockLabels {
                mode: mode.as_str(),
                actor: actor.as_str(),
            })
            .inc();
    }

    pub fn sms_sent(&self, kind: SmsKind) {
        self.sms_sent
            .get_or_create(&KindLabel {
                kind: kind.as_str(),
            })
            .inc();
    }

    pub fn sms_failed(&self, kind: SmsKind, reason: SmsFailure) {
        self.sms_failed
            .get_or_create(&SmsFailureLabels {
                kind: kind.as_str(),
                reason: reason.as_str(),
            })
            .inc();
    }

    pub fn phone_rows(&self, outcomes: impl IntoIterator<Item = RowOutcome>) {
        for outcome in outcomes {
            self.phone_rows
                .get_or_create(&OutcomeLabel {
                    outcome: outcome.as_str(),
                })
                .inc();
        }
    }

    /// Every series at zero (see `Metrics::announce`).
    pub(super) fn announce(&self) {
        for outcome in LoginOutcome::ALL {
            drop(self.logins.get_or_create(&OutcomeLabel {
                outcome: outcome.as_str(),
            }));
        }
        let factors = Factor::ALL.map(Factor::as_str);
        for factor in factors.into_iter().chain([UNKNOWN_LOGIN]) {
            drop(self.failed_factors.get_or_create(&FactorLabel { factor }));
        }
        for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
            for actor in [ActorKind::User, ActorKind::Operator, ActorKind::ApiToken] {
                drop(self.unblocks.get_or_create(&UnblockLabels {
                    mode: mode.as_str(),
                    actor: actor.as_str(),
                }));
            }
        }
        for kind in SmsKind::ALL {
            drop(self.sms_sent.get_or_create(&KindLabel {
                kind: kind.as_str(),
            }));
            for reason in SmsFailure::ALL {
                drop(self.sms_failed.get_or_create(&SmsFailureLabels {
                    kind: kind.as_str(),
                    reason: reason.as_str(),
                }));
            }
        }
        for outcome in RowOutcome::ALL {
            drop(self.phone_rows.get_or_create(&OutcomeLabel {
                outcome: outcome.as_str(),
            }));
        }
    }
}
