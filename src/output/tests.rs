//! Rendering with a fixed clock in a fixed zone: what a person sees at 80 and 120
//! columns, what a script reads, and that no line is wider than the terminal.

use time::macros::datetime;

use super::columns::width;
use super::*;
use crate::api::{AuditRecord, AuthTool, Login, MilleKod, UserStatus, UserView};

fn clock() -> Clock {
    let zone = jiff::tz::TimeZone::get("Europe/Warsaw").expect("tzdb has Europe/Warsaw");
    Clock::new("2026-11-30T13:05:00Z".parse().expect("now"), zone)
}

fn output(format: Format, width: Option<usize>) -> Output {
    Output {
        format,
        terminal: width.is_some(),
        color: false,
        width,
        columns: None,
        clock: clock(),
        jq: None,
        pager: false,
    }
}

fn user(login: &str, name: &str, status: UserStatus) -> UserView {
    UserView {
        millekod: MilleKod::parse("12345678").expect("millekod"),
        login: Login::parse(login).expect("login"),
        name: name.to_owned(),
        status,
        failed_attempts: if status == UserStatus::Blocked { 3 } else { 0 },
        attempts_left: if status == UserStatus::Blocked { 0 } else { 3 },
        auth_tool: AuthTool::Sms,
        phone: Some("+48******678".to_owned()),
        password_masking: true,
        last_login_at: Some(datetime!(2026-11-30 13:02:00 UTC)),
        blocked_at: (status == UserStatus::Blocked)
            .then_some(datetime!(2026-11-28 13:02:30.92 UTC)),
        suspension: None,
        last_failure: None,
        blocked_by: None,
        actions: Vec::new(),
        co_users_who_can_help: None,
    }
}

fn users() -> Vec<UserView> {
    vec![
        user(
            "grzegorz",
            "Grzegorz Brzęczyszczykiewicz-Wolańska",
            UserStatus::Blocked,
        ),
        user(
            "zofia",
            "Zofia Źdźbło-Chrząszczewska z Szczebrzeszyna",
            UserStatus::AwaitingNewPassword,
        ),
        user("jan", "Jan Wiśniewski", UserStatus::Active),
    ]
}

fn audit(id: i64) -> AuditRecord {
    AuditRecord {
        id,
        at: datetime!(2026-11-30 02:50:30.92 UTC),
        request_id: "0f9a1c2e-5b7d-4e3a-9c1b-2d4e6f8a0b1c".to_owned(),
        actor: "helpdesk".to_owned(),
        on_behalf_of: None,
        action: "user.unblock".to_owned(),
        millekod: Some("1234567890".to_owned()),
        login: Some("grzegorz".to_owned()),
        outcome: "success".to_owned(),
        reason: Some("Klient zadzwonił z zapomnianym hasłem po urlopie w Zakopanem".to_owned()),
        detail: Some("current-password: 3 more attempts".to_owned()),
    }
}

fn list<T: Tabular>(output: &Output, records: &[T]) -> String {
    let mut out = Vec::new();
    output.list(&mut out, records).expect("rendered");
    String::from_utf8(out).expect("UTF-8")
}

fn assert_fits(text: &str, limit: usize) {
    for line in text.lines() {
        assert!(width(line) <= limit, "{} > {limit}: {line}", width(line));
    }
}

#[test]
fn a_user_list_for_people_at_80_and_120_columns() {
    let blocked = [
        users().remove(0),
        user("jan", "Jan Wiśniewski", UserStatus::Blocked),
    ];
    let at_80 = list(&output(Format::Table, Some(80)), &blocked);
    assert_eq!(
        at_80,
        "\
Login     Name                   Status   Attempts left  Tool  Last login
grzegorz  Grzegorz Brzęczyszcz…  blocked  0              sms   14:02 (3 min ago)
jan       Jan Wiśniewski         blocked  0              sms   14:02 (3 min ago)
"
    );
    assert_fits(&at_80, 80);
    let at_120 = list(&output(Format::Table, Some(120)), &users());
    assert!(
        at_120.contains("Zofia Źdźbło-Chrząszczewska z Szczebrzeszyna  awaiting new password"),
        "{at_120}"
    );
    assert_fits(&at_120, 120);
    // The narrowest case: the longest status and a hint; still no line too wide.
    assert_fits(&list(&output(Format::Table, Some(80)), &users()), 80);
}

#[test]
fn wide_shows_every_column_and_still_fits() {
    for limit in [80, 120] {
        let text = list(&output(Format::Wide, Some(limit)), &users());
        assert!(text.starts_with("Mill"), "{text}");
        assert_fits(&text, limit);
        let text = list(&output(Format::Wide, Some(limit)), &[audit(1_234_567_890)]);
        assert_fits(&text, limit);
    }
}

#[test]
fn an_audit_record_for_people_keeps_the_time_and_the_user_whole() {
    let text = list(&output(Format::Table, Some(80)), &[audit(1_234_567_890)]);
    assert_eq!(
        text,
        "\
Time              Actor     Action        User                 Outcome  Reason
03:50 (10 h ago)  helpdesk  user.unblock  1234567890/grzegorz  success  Klient…
"
    );
}

#[test]
fn piped_and_csv_are_for_scripts_every_column_keys_as_headers() {
    let piped = list(&output(Format::Table, None), &users()[..1]);
    assert_eq!(
        piped,
        "millekod\tlogin\tname\tstatus\tfailed_attempts\tattempts_left\tauth_tool\tphone\t\
         password_masking\tlast_login_at\tblocked_at\tsuspension\n\
         12345678\tgrzegorz\tGrzegorz Brzęczyszczykiewicz-Wolańska\tblocked\t3\t0\tsms\t\
         +48******678\ttrue\t2026-11-30T13:02:00.000Z\t2026-11-28T13:02:30.920Z\t\n"
    );
    let csv = list(&output(Format::Csv, None), &[audit(7)]);
    assert_eq!(
        csv,
        "id,at,actor,on_behalf_of,action,millekod,login,outcome,reason,detail,request_id\n\
         7,2026-11-30T02:50:30.920Z,helpdesk,,user.unblock,1234567890,grzegorz,success,\
         Klient zadzwonił z zapomnianym hasłem po urlopie w Zakopanem,\
         current-password: 3 more attempts,0f9a1c2e-5b7d-4e3a-9c1b-2d4e6f8a0b1c\n"
    );
}

#[test]
fn columns_picks_by_key_in_order_for_tables_and_csv() {
    let mut table = output(Format::Table, Some(80));
    table.columns = Some(vec!["status".into(), "login".into(), "phone".into()]);
    assert_eq!(
        list(&table, &users()[2..]),
        "Status  Login  Phone\nactive  jan    +48******678\n"
    );
    let mut csv = output(Format::Csv, None);
    csv.columns = table.columns.clone();
    assert_eq!(
        list(&csv, &users()[2..]),
        "status,login,phone\nactive,jan,+48******678\n"
    );
}

#[test]
fn an_unknown_column_names_the_known_ones() {
    let mut table = output(Format::Csv, None);
    table.columns = Some(vec!["login".into(), "nosuch".into()]);
    let err = table.list(&mut Vec::new(), &users()).expect_err("refused");
    // cli::errors::classify maps it to exit 7 (tests/cli/tables.rs runs it).
    let unknown = err.downcast_ref::<UnknownColumn>().expect("UnknownColumn");
    assert_eq!(unknown.key, "nosuch");
    let message = err.to_string();
    assert!(
        message.contains("millekod, login, name, status"),
        "{message}"
    );
}

#[test]
fn an_empty_list_prints_nothing_in_a_table_and_stays_valid_for_scripts() {
    let none: Vec<UserView> = Vec::new();
    assert_eq!(list(&output(Format::Table, Some(80)), &none), "");
    assert_eq!(list(&output(Format::Table, None), &none), "");
    assert_eq!(list(&output(Format::Json, None), &none), "[]\n");
    assert!(list(&output(Format::Csv, None), &none).starts_with("millekod,login,"));
}

#[test]
fn one_record_for_people_has_labels_in_words_and_wraps_long_values() {
    let mut out = Vec::new();
    output(Format::Table, Some(40))
        .record(&mut out, &users()[0])
        .expect("rendered");
    let text = String::from_utf8(out).expect("UTF-8");
    assert!(
        text.starts_with("MilleKod         12345678\nLogin            grzegorz\n"),
        "{text}"
    );
    assert!(text.contains("Masked password  yes\n"), "{text}");
    assert!(
        text.contains("Blocked          2026-11-28 14:02\n"),
        "{text}"
    );
    assert!(text.contains("Suspension       -\n"), "{text}");
    assert_fits(&text, 40);
}

#[test]
fn colour_marks_the_status_and_headers_only_when_asked() {
    let mut coloured = output(Format::Table, Some(120));
    coloured.color = true;
    let text = list(&coloured, &users()[..1]);
    assert!(text.contains("\x1b[31mblocked\x1b[0m"), "{text:?}");
    assert!(text.starts_with("\x1b[1mLogin\x1b[0m"), "{text:?}");
    assert!(!list(&output(Format::Table, Some(120)), &users()).contains('\x1b'));
}
