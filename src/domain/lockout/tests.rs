//! Unit and property tests of the lockout rule, beside it.

use super::*;
use proptest::prelude::*;

fn blocked() -> UnblockFacts {
    UnblockFacts {
        status: UserStatus::Blocked,
        attempts_left: 0,
        has_permanent_password: true,
        has_phone: true,
        has_token: false,
    }
}

#[test]
fn limit_is_one_to_five() {
    assert!(LockoutLimit::new(0).is_err());
    assert!(LockoutLimit::new(6).is_err());
    for n in 1..=5 {
        assert_eq!(LockoutLimit::new(n).unwrap().get(), n);
    }
    assert_eq!(LockoutLimit::default().get(), 3);
}

#[test]
fn current_password_grants_exactly_three_whatever_the_limit() {
    for n in 1..=5 {
        let limit = LockoutLimit::new(n).unwrap();
        let out = unblock(blocked(), UnblockMode::CurrentPassword, limit).unwrap();
        assert_eq!(out.attempts_left, 3);
        assert_eq!(out.status, UserStatus::Active);
    }
}

#[test]
fn new_password_needs_phone_or_token() {
    let limit = LockoutLimit::default();
    let mut facts = blocked();
    facts.has_phone = false;
    assert_eq!(
        unblock(facts, UnblockMode::NewPassword, limit),
        Err(UnblockRefused::NoAuthorizationTool)
    );
    facts.has_token = true;
    let out = unblock(facts, UnblockMode::NewPassword, limit).unwrap();
    assert_eq!(out.status, UserStatus::AwaitingNewPassword);
}

#[test]
fn only_blocked_users_are_unblocked() {
    for status in [
        UserStatus::Active,
        UserStatus::PendingActivation,
        UserStatus::AwaitingNewPassword,
    ] {
        let facts = UnblockFacts {
            status,
            attempts_left: 1,
            ..blocked()
        };
        for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
            assert_eq!(
                unblock(facts, mode, LockoutLimit::default()),
                Err(UnblockRefused::NotBlocked)
            );
        }
    }
}

#[test]
fn no_attempt_left_is_locked_out_whatever_the_status() {
    // What a process that died between a reservation and its outcome leaves.
    let stuck = UnblockFacts {
        status: UserStatus::Active,
        attempts_left: 0,
        ..blocked()
    };
    let out = unblock(stuck, UnblockMode::CurrentPassword, LockoutLimit::default()).unwrap();
    assert_eq!((out.status, out.attempts_left), (UserStatus::Active, 3));
    assert!(is_locked_out(UserStatus::Blocked, 3));
    assert!(!is_locked_out(UserStatus::Active, 1));
}

#[test]
fn a_challenge_is_good_only_for_the_flow_of_the_current_status() {
    for status in [
        UserStatus::PendingActivation,
        UserStatus::Active,
        UserStatus::Blocked,
        UserStatus::AwaitingNewPassword,
    ] {
        for flow in [Flow::Login, Flow::FirstLogin, Flow::NewPassword] {
            assert_eq!(
                statuses_for(flow).contains(&status),
                flow_for(status) == flow,
                "{status:?} {flow:?}"
            );
        }
    }
}

#[test]
fn a_user_never_activated_keeps_the_temporary_password() {
    let facts = UnblockFacts {
        has_permanent_password: false,
        ..blocked()
    };
    let out = unblock(facts, UnblockMode::CurrentPassword, LockoutLimit::default()).unwrap();
    assert_eq!(out.status, UserStatus::PendingActivation);
    assert_eq!(out.attempts_left, 3);
}

#[test]
fn a_password_change_is_required_of_active_and_blocked_users_with_a_tool() {
    let limit = LockoutLimit::new(5).unwrap();
    for status in [UserStatus::Active, UserStatus::Blocked] {
        let facts = UnblockFacts {
            status,
            attempts_left: if status == UserStatus::Blocked { 0 } else { 2 },
            ..blocked()
        };
        let out = require_new_password(facts, limit).unwrap();
        assert_eq!(
            (out.status, out.attempts_left),
            (UserStatus::AwaitingNewPassword, 5)
        );
        let token_only = UnblockFacts {
            has_phone: false,
            has_token: true,
            ..facts
        };
        assert!(require_new_password(token_only, limit).is_ok());
        let neither = UnblockFacts {
            has_phone: false,
            ..facts
        };
        assert_eq!(
            require_new_password(neither, limit),
            Err(PasswordResetRefused::NoAuthorizationTool)
        );
    }
}

#[test]
fn a_password_change_is_refused_before_activation_and_while_awaiting_one() {
    let limit = LockoutLimit::default();
    for (status, refusal) in [
        (
            UserStatus::PendingActivation,
            PasswordResetRefused::PendingActivation,
        ),
        (
            UserStatus::AwaitingNewPassword,
            PasswordResetRefused::AwaitingNewPassword,
        ),
    ] {
        let facts = UnblockFacts {
            status,
            attempts_left: 3,
            ..blocked()
        };
        assert_eq!(require_new_password(facts, limit), Err(refusal));
    }
}

fn any_status() -> impl Strategy<Value = UserStatus> {
    prop_oneof![
        Just(UserStatus::PendingActivation),
        Just(UserStatus::Active),
        Just(UserStatus::Blocked),
        Just(UserStatus::AwaitingNewPassword),
        Just(UserStatus::Suspended),
    ]
}

proptest! {
    /// Whatever the facts, a required change leads only to awaiting a new password
    /// with the full limit, from active or blocked, and never without a tool.
    #[test]
    fn a_required_change_ends_awaiting_a_new_password_with_the_full_limit(
        status in any_status(),
        attempts_left in -2i64..6,
        has_permanent_password: bool,
        has_phone: bool,
        has_token: bool,
        limit in 1u8..=5,
    ) {
        let facts = UnblockFacts {
            status, attempts_left, has_permanent_password, has_phone, has_token,
        };
        let limit = LockoutLimit::new(limit).unwrap();
        match require_new_password(facts, limit) {
            Ok(out) => {
                prop_assert!(matches!(status, UserStatus::Active | UserStatus::Blocked));
                prop_assert!(has_phone || has_token);
                prop_assert_eq!(out.status, UserStatus::AwaitingNewPassword);
                prop_assert_eq!(out.attempts_left, limit.get());
                prop_assert_eq!(flow_for(out.status), Flow::NewPassword);
            }
            Err(refusal) => prop_assert!(
                !matches!(status, UserStatus::Active | UserStatus::Blocked)
                    || refusal == PasswordResetRefused::NoAuthorizationTool
            ),
        }
    }
}

fn state(status: UserStatus, failed_attempts: i64, attempts_left: i64) -> LockoutState {
    LockoutState {
        status,
        failed_attempts,
        attempts_left,
        blocked_at: None,
    }
}

const FLOWS: [Flow; 3] = [Flow::Login, Flow::FirstLogin, Flow::NewPassword];

#[test]
fn the_limit_counts_failures_to_a_block_for_every_limit() {
    for limit in 1..=i64::from(MAX_LOCKOUT_LIMIT) {
        let mut s = state(UserStatus::Active, 0, limit);
        for n in 1..=limit {
            s = reserve(s, Flow::Login).unwrap();
            s = failure(s, 100 + n);
            let last = n == limit;
            assert_eq!(
                s.status == UserStatus::Blocked,
                last,
                "limit {limit}, failure {n}"
            );
        }
        assert_eq!(s.blocked_at, Some(100 + limit));
        assert_eq!(reserve(s, Flow::Login), Err(NotReserved::Blocked));
        // A later failure (a check reserved before the block) keeps the first date.
        assert_eq!(failure(s, 999).blocked_at, Some(100 + limit));
    }
}

#[test]
fn a_reservation_is_refused_for_the_right_reason() {
    assert_eq!(
        reserve(state(UserStatus::Active, 0, 0), Flow::Login),
        Err(NotReserved::Busy)
    );
    assert_eq!(
        reserve(state(UserStatus::Active, 0, 3), Flow::FirstLogin),
        Err(NotReserved::Mismatch)
    );
    assert_eq!(
        reserve(state(UserStatus::Blocked, 3, 2), Flow::NewPassword),
        Err(NotReserved::Blocked)
    );
}

#[test]
fn a_success_resets_the_count_and_lifts_a_racing_block() {
    let blocked = LockoutState {
        blocked_at: Some(5),
        ..state(UserStatus::Blocked, 2, 0)
    };
    assert_eq!(
        success(blocked, Flow::Login, 3, false),
        Some(state(UserStatus::Active, 0, 3))
    );
    assert_eq!(success(blocked, Flow::FirstLogin, 3, true), None);
    assert_eq!(
        success(
            state(UserStatus::PendingActivation, 1, 2),
            Flow::FirstLogin,
            2,
            true
        ),
        Some(state(UserStatus::Active, 0, 2))
    );
}

#[test]
fn an_undone_unblock_is_the_block_it_left() {
    let before = LockoutState {
        blocked_at: Some(7),
        ..state(UserStatus::Blocked, 3, 0)
    };
    let after = unblocked(before, UserStatus::AwaitingNewPassword, 3).unwrap();
    assert_eq!(after, state(UserStatus::AwaitingNewPassword, 0, 3));
    assert_eq!(unblock_undone(after, before), Some(before));
    assert_eq!(unblock_undone(before, before), None);
    let active = state(UserStatus::Active, 1, 2);
    let reset = password_reset(active, 3).unwrap();
    assert_eq!(password_reset_undone(reset, active), Some(active));
    assert_eq!(password_reset(reset, 3), None);
}

fn any_state() -> impl Strategy<Value = LockoutState> {
    (
        any_status(),
        0i64..6,
        -1i64..7,
        proptest::option::of(0i64..1000),
    )
        .prop_map(
            |(status, failed_attempts, attempts_left, blocked_at)| LockoutState {
                status,
                failed_attempts,
                attempts_left,
                blocked_at,
            },
        )
}

proptest! {
    /// R7: however attempts are reserved, failed and given back, the checks made
    /// never outnumber the limit before a block or a success.
    #[test]
    fn never_more_checks_than_the_limit(
        limit in 1i64..=5,
        events in proptest::collection::vec(0u8..3, 0..40),
    ) {
        let mut s = state(UserStatus::Active, 0, limit);
        let mut held = 0i64;
        let mut checks = 0i64;
        for (now, event) in events.into_iter().enumerate() {
            let now = i64::try_from(now).unwrap();
            match event {
                0 => if let Ok(next) = reserve(s, Flow::Login) {
                    s = next;
                    held += 1;
                },
                1 if held > 0 => {
                    held -= 1;
                    checks += 1;
                    s = failure(s, now);
                }
                2 if held > 0 => {
                    held -= 1;
                    s = release(s, limit);
                }
                _ => {}
            }
            prop_assert!(checks <= limit);
            prop_assert!(s.attempts_left >= 0 && s.attempts_left <= limit);
            prop_assert_eq!(s.failed_attempts, checks);
            prop_assert_eq!(s.status == UserStatus::Blocked, s.blocked_at.is_some());
        }
    }

    /// Every transition keeps the counts in range and says when it applies.
    #[test]
    fn transitions_apply_exactly_where_their_rule_says(
        s in any_state(),
        limit in 1i64..=5,
        now in 1000i64..2000,
    ) {
        for flow in FLOWS {
            match reserve(s, flow) {
                Ok(next) => {
                    prop_assert_eq!(next.attempts_left, s.attempts_left - 1);
                    prop_assert!(statuses_for(flow).contains(&s.status));
                }
                Err(_) => prop_assert!(
                    s.attempts_left <= 0
                        || s.status == UserStatus::Blocked
                        || s.status == UserStatus::Suspended
                        || !statuses_for(flow).contains(&s.status)
                ),
            }
            for new_password in [false, true] {
                let after = success(s, flow, limit, new_password);
                prop_assert_eq!(after.is_some(), statuses_for(flow).contains(&s.status));
                if let Some(after) = after {
                    prop_assert_eq!((after.failed_attempts, after.attempts_left), (0, limit));
                    prop_assert_ne!(after.status, UserStatus::Blocked);
                }
            }
        }
        let failed = failure(s, now);
        prop_assert_eq!(failed.failed_attempts, s.failed_attempts + 1);
        prop_assert_eq!(failed.status == UserStatus::Blocked,
            s.status == UserStatus::Blocked
                || (s.attempts_left <= 0 && s.status != UserStatus::Suspended));
        // A failure never ends or starts a suspension.
        prop_assert_eq!(failed.status == UserStatus::Suspended, s.status == UserStatus::Suspended);
        // Suspend applies to all but the suspended, release only to them; the pair
        // gives back exactly the state suspended, counts and all.
        match suspend(s) {
            Ok((suspended, returns_to)) => {
                prop_assert_ne!(s.status, UserStatus::Suspended);
                prop_assert_eq!(suspended.status, UserStatus::Suspended);
                prop_assert_eq!(returns_to, s.status);
                prop_assert_eq!(release_suspension(suspended, returns_to), Ok(s));
                prop_assert_eq!(unblocked(suspended, UserStatus::Active, 3), None);
                prop_assert_eq!(password_reset(suspended, limit), None);
                for flow in FLOWS {
                    prop_assert_eq!(reserve(suspended, flow), Err(NotReserved::Suspended));
                    prop_assert_eq!(success(suspended, flow, limit, false), None);
                }
            }
            Err(refusal) => {
                prop_assert_eq!(s.status, UserStatus::Suspended);
                prop_assert_eq!(refusal, SuspensionRefused::AlreadySuspended);
            }
        }
        prop_assert_eq!(
            release_suspension(s, UserStatus::Active).is_ok(),
            s.status == UserStatus::Suspended
        );
        let released = release(s, limit);
        prop_assert!(released.attempts_left <= s.attempts_left.max(limit));
        prop_assert_eq!(
            unblocked(s, UserStatus::Active, 3).is_some(),
            is_locked_out(s.status, s.attempts_left)
        );
        prop_assert_eq!(
            password_reset(s, limit).is_some(),
            PASSWORD_RESETTABLE.contains(&s.status)
        );
    }
}

#[test]
fn status_text_roundtrips() {
    for s in [
        UserStatus::PendingActivation,
        UserStatus::Active,
        UserStatus::Blocked,
        UserStatus::AwaitingNewPassword,
        UserStatus::Suspended,
    ] {
        assert_eq!(UserStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(UserStatus::parse("x"), None);
}

fn suspended(returns_to: UserStatus) -> (LockoutState, UserStatus) {
    let before = LockoutState {
        blocked_at: (returns_to == UserStatus::Blocked).then_some(7),
        ..state(returns_to, 2, 1)
    };
    suspend(before).unwrap()
}

#[test]
fn a_suspension_returns_to_the_status_it_was_placed_on() {
    for status in [
        UserStatus::PendingActivation,
        UserStatus::Active,
        UserStatus::Blocked,
        UserStatus::AwaitingNewPassword,
    ] {
        let (s, returns_to) = suspended(status);
        assert_eq!(returns_to, status);
        assert_eq!((s.failed_attempts, s.attempts_left), (2, 1), "counts kept");
        let back = release_suspension(s, returns_to).unwrap();
        assert_eq!(back.status, status);
        assert_eq!(back.blocked_at, s.blocked_at, "a block stays a block");
    }
    // A row that somehow remembers `suspended` lands blocked, the safe side.
    let (s, _) = suspended(UserStatus::Active);
    let back = release_suspension(s, UserStatus::Suspended).unwrap();
    assert_eq!(back.status, UserStatus::Blocked);
}

#[test]
fn suspending_twice_or_releasing_nothing_is_refused() {
    let (s, _) = suspended(UserStatus::Active);
    assert_eq!(suspend(s), Err(SuspensionRefused::AlreadySuspended));
    let active = state(UserStatus::Active, 0, 3);
    assert_eq!(
        release_suspension(active, UserStatus::Active),
        Err(SuspensionRefused::NotSuspended)
    );
}

#[test]
fn no_unblock_and_no_required_change_lifts_a_suspension() {
    for attempts_left in [0, 3] {
        let facts = UnblockFacts {
            status: UserStatus::Suspended,
            attempts_left,
            ..blocked()
        };
        for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
            assert_eq!(
                unblock(facts, mode, LockoutLimit::default()),
                Err(UnblockRefused::Suspended)
            );
        }
        assert_eq!(
            require_new_password(facts, LockoutLimit::default()),
            Err(PasswordResetRefused::Suspended)
        );
        assert!(!is_locked_out(UserStatus::Suspended, attempts_left));
    }
}

#[test]
fn a_suspended_login_counts_nothing_and_a_running_check_does_not_block() {
    let (s, _) = suspended(UserStatus::Active);
    // Step 1 hands out an ordinary login challenge; step 2 reserves nothing.
    assert_eq!(flow_for(UserStatus::Suspended), Flow::Login);
    assert_eq!(reserve(s, Flow::Login), Err(NotReserved::Suspended));
    // A check reserved before the suspension fails after it: counted, not a block.
    let last = LockoutState {
        attempts_left: 0,
        ..s
    };
    let failed = failure(last, 50);
    assert_eq!(failed.status, UserStatus::Suspended);
    assert_eq!(failed.failed_attempts, s.failed_attempts + 1);
    assert_eq!(failed.blocked_at, None);
    // Its attempt given back (the mask key failed) is given back.
    assert_eq!(release(last, 3).attempts_left, 1);
}
