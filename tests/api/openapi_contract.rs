//! The OpenAPI document is exact (issue 17): every operation it lists, driven on a real
//! server by several callers with good and bad input, answers only with a status the
//! operation lists, in the content type it declares for that status, with a body its
//! schema accepts (checked by the `jsonschema` crate, `$ref`s into the document's own
//! components).
//!
//! The requests come from the document itself (`document.rs`): a valid value for each
//! parameter and body from its schema, then each way to break it — wrong types,
//! strings past their limits, values off their pattern, unknown members, a wrong or
//! missing content type, a body that is not JSON or too large, no or a bad token. A
//! new route is covered the day it is documented. Every finding is collected and the
//! test fails once, listing them all.

mod document;

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;
use document::{Document, In, Operation};

/// One request to send and what it is meant to try.
struct Probe {
    what: String,
    path: String,
    query: Vec<(String, String)>,
    body: RawBody,
}

#[tokio::test]
async fn every_answer_is_one_the_document_declares() {
    on_every_db(async |server| {
        let served = server.api().get("/v1/openapi.json").await;
        assert_eq!(served.status.as_u16(), 200);
        let mut doc = Document::new(served.body);
        let callers = [
            ("no credentials", server.api()),
            (
                "an unknown API token",
                server.api().with_token("mlt_unknown"),
            ),
            (
                "a co-user's session",
                server.login_user("12345678", "anna").await,
            ),
            ("the dev API token", server.helpdesk_token()),
            ("an operator's session", server.login_operator().await),
        ];
        let mut operations = doc.operations();
        // Logging out ends the session every later request would use: last.
        operations.sort_by_key(|op| op.method == "delete" && op.path == "/v1/sessions/current");
        let mut findings = BTreeSet::new();
        for op in &operations {
            let probes = probes(&doc, op);
            for (index, (who, api)) in callers.iter().enumerate() {
                // Who is asking matters only where the document asks for a token:
                // anonymous operations get every probe once; the others the valid
                // request from each caller, every probe from the dev API token and
                // the operator (the last two callers).
                if !op.secured && index > 0 {
                    break;
                }
                let every_probe = !op.secured || index >= callers.len() - 2;
                let probes = if every_probe {
                    &probes[..]
                } else {
                    &probes[..1]
                };
                for probe in probes {
                    let Some(answer) = send(api, op, probe).await else {
                        continue;
                    };
                    if let Err(wrong) = doc.check(op, &answer) {
                        findings.insert(format!(
                            "{} ({who}, {}): {wrong}; answer: {}",
                            op.name(),
                            probe.what,
                            short(&answer.body)
                        ));
                    }
                }
            }
        }
        assert!(
            findings.is_empty(),
            "{} answers the document does not declare:\n{}",
            findings.len(),
            findings.into_iter().collect::<Vec<_>>().join("\n")
        );
    })
    .await;
}

/// The first 300 characters of a body, for a finding.
/// A 429 says when to retry, in a `Retry-After` the document declares for it; and the
/// problem's `code` is one the document lists for that status.
#[tokio::test]
async fn a_refusal_that_says_when_to_retry_is_as_documented() {
    let one_start = [
        "--login-starts-per-source-per-minute",
        "1",
        "--login-starts-burst",
        "1",
    ];
    let server = TestServer::start_with_args(&Db::Sqlite, &one_start).await;
    let api = server.api();
    let mut doc = Document::new(api.get("/v1/openapi.json").await.body);
    let start = doc
        .operations()
        .into_iter()
        .find(|op| op.method == "post" && op.path == "/v1/sessions")
        .expect("POST /v1/sessions is documented");

    let body = json!({"millekod": "12345678", "login": "ewa"});
    api.post("/v1/sessions", body.clone()).await.expect_ok();
    let refused = api.post("/v1/sessions", body).await;

    assert_eq!(refused.status.as_u16(), 429, "{}", refused.body);
    assert!(
        refused.retry_after.is_some_and(|s| s >= 1),
        "{:?}",
        refused.headers
    );
    doc.check(&start, &refused).expect("the 429 as documented");
    let mut off = refused.clone();
    off.body["code"] = json!("conflict");
    let wrong = doc.check(&start, &off).expect_err("a 409's code in a 429");
    assert!(wrong.contains("body off its schema"), "{wrong}");
}

fn short(body: &Value) -> String {
    body.to_string().chars().take(300).collect()
}

/// The requests for one operation: the valid one first, then each broken variant.
fn probes(doc: &Document, op: &Operation) -> Vec<Probe> {
    let path_value = |name: &str| {
        op.params
            .iter()
            .find(|p| p.location == In::Path && p.name == name)
            .map(|p| Document::as_text(&doc.sample(&p.schema)))
            .unwrap_or_else(|| "x".into())
    };
    let fill = |overrides: &[(&str, String)]| {
        let mut path = op.path.clone();
        for p in op.params.iter().filter(|p| p.location == In::Path) {
            let value = overrides
                .iter()
                .find(|(n, _)| *n == p.name)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| path_value(&p.name));
            path = path.replace(&format!("{{{}}}", p.name), &percent_encode(&value));
        }
        path
    };
    let valid_path = fill(&[]);
    let valid_query: Vec<(String, String)> = op
        .params
        .iter()
        .filter(|p| p.location == In::Query && p.required)
        .map(|p| (p.name.clone(), Document::as_text(&doc.sample(&p.schema))))
        .collect();
    let body = op.body();
    let valid_body = match &body {
        Some((media, schema)) if media == "application/json" => RawBody::Json(doc.sample(schema)),
        Some((_, _)) => RawBody::Bytes(Some("application/pskc+xml"), b"<KeyContainer/>".to_vec()),
        None => RawBody::None,
    };
    let probe = |what: String, path: String, query: Vec<(String, String)>, body: RawBody| Probe {
        what,
        path,
        query,
        body,
    };
    let mut out = vec![probe(
        "valid input".into(),
        valid_path.clone(),
        valid_query.clone(),
        valid_body.clone(),
    )];
    for p in &op.params {
        match p.location {
            In::Path => {
                for (what, bad) in doc.breakers(&p.schema) {
                    let path = fill(&[(&p.name, Document::as_text(&bad))]);
                    out.push(probe(
                        format!("path {} {what}", p.name),
                        path,
                        valid_query.clone(),
                        valid_body.clone(),
                    ));
                }
            }
            In::Query => {
                for (what, bad) in doc.breakers(&p.schema) {
                    let mut query = valid_query.clone();
                    query.retain(|(n, _)| *n != p.name);
                    query.push((p.name.clone(), Document::as_text(&bad)));
                    out.push(probe(
                        format!("query {} {what}", p.name),
                        valid_path.clone(),
                        query,
                        valid_body.clone(),
                    ));
                }
            }
            In::Header => {}
        }
    }
    let mut unknown = valid_query.clone();
    unknown.push(("surprise".into(), "1".into()));
    out.push(probe(
        "an unknown query parameter".into(),
        valid_path.clone(),
        unknown,
        valid_body.clone(),
    ));
    let Some((media, schema)) = body else {
        return out;
    };
    let with_body = |what: &str, body: RawBody| {
        probe(what.into(), valid_path.clone(), valid_query.clone(), body)
    };
    let valid_text = match &valid_body {
        RawBody::Json(v) => serde_json::to_vec(v).expect("json"),
        RawBody::Bytes(_, b) => b.clone(),
        RawBody::None => Vec::new(),
    };
    out.push(with_body(
        "the body as text/plain",
        RawBody::Bytes(Some("text/plain"), valid_text.clone()),
    ));
    out.push(with_body(
        "no content type",
        RawBody::Bytes(None, valid_text),
    ));
    out.push(with_body(
        "a body that is not JSON",
        RawBody::Bytes(Some("application/json"), b"{\"a\":".to_vec()),
    ));
    out.push(with_body(
        "a body over 64 KiB",
        RawBody::Bytes(
            Some(leak(media.clone())),
            format!("{{\"x\":\"{}\"}}", "a".repeat(64 * 1024 + 100)).into_bytes(),
        ),
    ));
    if media != "application/json" {
        return out;
    }
    out.push(with_body("no body", RawBody::None));
    out.push(with_body("an empty object", RawBody::Json(json!({}))));
    out.push(with_body("an array", RawBody::Json(json!([]))));
    let sample = doc.sample(&schema);
    let mut extra = sample.clone();
    if let Some(object) = extra.as_object_mut() {
        object.insert("surprise".into(), json!(1));
        out.push(with_body("an unknown member", RawBody::Json(extra)));
    }
    let resolved = doc.resolve(&schema);
    if let Some(props) = resolved["properties"].as_object() {
        for (name, prop) in props {
            for (what, bad) in doc.breakers(prop) {
                let mut body = sample.clone();
                body[name.as_str()] = bad;
                out.push(with_body(
                    &format!("member {name} {what}"),
                    RawBody::Json(body),
                ));
            }
        }
    }
    out
}

/// A media type for `RawBody`, which holds `&'static str` (a handful per run).
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Percent-encode a path segment (broken values hold spaces and `~`).
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Send a probe; `None` when the server closed the connection before its answer could
/// be read (it answers a too-large body without reading it, and a client still writing
/// meets a closed socket: no answer to check).
async fn send(api: &Api, op: &Operation, probe: &Probe) -> Option<Answer> {
    let method = Method::from_bytes(op.method.to_uppercase().as_bytes()).expect("method");
    let mut request = api
        .client
        .request(method, format!("{}{}", api.base, probe.path))
        .query(&probe.query);
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    request = match probe.body.clone() {
        RawBody::None => request,
        RawBody::Json(value) => request.json(&value),
        RawBody::Bytes(Some(content_type), bytes) => {
            request.header("content-type", content_type).body(bytes)
        }
        RawBody::Bytes(None, bytes) => request.body(bytes),
    };
    let response = request.send().await.ok()?;
    Api::read_answer(response).await.ok()
}
