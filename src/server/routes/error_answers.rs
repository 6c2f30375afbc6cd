//! The error answers of the OpenAPI document, stated once for every route.
//!
//! A route's `#[utoipa::path]` lists the answers that are its own (a 404 for an unknown
//! user, a 409 for a state that does not allow the action, a 423 at login). The
//! answers that come from the machinery every route shares are added here, after the
//! routes are collected, from what the operation itself shows:
//!
//! | the operation…            | can answer | because                                         |
//! |---------------------------|------------|-------------------------------------------------|
//! | any                       | 500, 503   | a failure of ours; the database busy or down    |
//! | asks for a bearer token   | 401        | the `Auth` extractor: no, unknown or ended token |
//! | has path or query params  | 400        | `Path`/`Query` rejections (`invalid_input`)     |
//! | reads a JSON body         | 400        | `Json` rejections, or its own parse             |
//! | requires a JSON body      | 415        | the `Json` extractor's content-type check       |
//! | reads any body            | 408, 413   | the body timeout, `MAX_BODY_BYTES`              |
//!
//! and every error answer, listed here or by the route, is declared as what the server
//! sends: `application/problem+json` (RFC 9457) with the `Problem` schema, its `code`
//! narrowed to the codes of that status (`ErrorCode::status`: a 409 is `not_blocked`,
//! `conflict`, …, never `user_blocked`); a 429 or 503 may carry `Retry-After`. Doing this in one
//! pass rather than on each route keeps the annotations readable, and a new route
//! cannot forget the shared answers.

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder};

use crate::api::ErrorCode;

/// The media type of every error answer (`ApiError::into_response`).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Add the shared error answers to every operation of `api`, and declare every error
/// answer as problem+json.
pub fn declare(api: &mut OpenApi) {
    declare_problems_by_status(api);
    for item in api.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        {
            add_shared(operation);
            for (status, response) in operation.responses.responses.iter_mut() {
                let status: u16 = status.parse().unwrap_or(0);
                if let (400.., RefOr::T(response)) = (status, response) {
                    as_problem_json(status, response);
                }
            }
        }
    }
}

fn add_shared(operation: &mut Operation) {
    let mut shared = vec![
        (500, "A failure of the server's (`internal`); quote the `instance` (request id)."),
        (503, "The database is busy or does not answer, or too many passwords are being checked (`service_unavailable`); retry after `Retry-After`."),
    ];
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        shared.push((401, "No bearer token, or one that is unknown, expired or revoked, or whose user is no longer active (`unauthenticated`)."));
    }
    let params = operation.parameters.iter().flatten();
    if params
        .into_iter()
        .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query))
    {
        shared.push((400, "A path or query value does not parse (`invalid_input`), or the body does not (`malformed_request`)."));
    }
    let body = operation.request_body.as_ref();
    if body.is_some_and(|body| body.content.contains_key("application/json")) {
        shared.push((400, "The body is not JSON, misses a member, has an unknown one or one of the wrong type (`malformed_request`)."));
    }
    // A required JSON body goes through the `Json` extractor, which checks the content
    // type; an optional one (`DELETE /v1/api-tokens/{id}`) is read as bytes.
    if body.is_some_and(|body| {
        body.content.contains_key("application/json")
            && matches!(body.required, Some(utoipa::openapi::Required::True))
    }) {
        shared.push((
            415,
            "The body is not sent as `Content-Type: application/json` (`unsupported_media_type`).",
        ));
    }
    if body.is_some() {
        shared.extend([
            (408, "The body did not arrive in time (`request_timeout`); the connection is closed."),
            (413, "The body is larger than the server reads (`payload_too_large`; 64 KiB unless the route says otherwise)."),
        ]);
    }
    for (status, description) in shared {
        operation
            .responses
            .responses
            .entry(status.to_string())
            .or_insert_with(|| RefOr::T(problem_response(status, description)));
    }
}

/// The schema of an error answer of `status`: `ProblemNNN` (a named component, so
/// generators make one model per status, not one per operation), or `Problem` for a
/// status no code has.
fn problem_of_status(status: u16) -> RefOr<Schema> {
    match ErrorCode::of_status(status).next() {
        Some(_) => Ref::from_schema_name(format!("Problem{status}")).into(),
        None => Ref::from_schema_name("Problem").into(),
    }
}

/// `ProblemNNN` for each status some code has: `Problem`, with `code` narrowed to
/// that status's codes.
fn declare_problems_by_status(api: &mut OpenApi) {
    let mut statuses: Vec<u16> = ErrorCode::ALL.iter().map(|code| code.status()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let components = api.components.get_or_insert_with(Default::default);
    for status in statuses {
        let codes: Vec<serde_json::Value> = ErrorCode::of_status(status)
            .filter_map(|code| serde_json::to_value(code).ok())
            .collect();
        let code = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(codes));
        let narrowed = ObjectBuilder::new().property("code", code);
        let schema = AllOfBuilder::new()
            .item(Ref::from_schema_name("Problem"))
            .item(narrowed)
            .description(Some(format!(
                "A problem answered with HTTP {status}: `code` is one of this status's."
            )));
        components
            .schemas
            .insert(format!("Problem{status}"), schema.into());
    }
}

fn problem_response(status: u16, description: &str) -> Response {
    let mut response = ResponseBuilder::new().description(description).build();
    as_problem_json(status, &mut response);
    response
}

/// An error answer's body is a `Problem`, sent as problem+json (never as JSON); a 429
/// or 503 may say when to retry.
fn as_problem_json(status: u16, response: &mut Response) {
    if let Some(content) = response.content.shift_remove("application/json") {
        response.content.insert(PROBLEM_JSON.to_owned(), content);
    }
    // The route's own schema, if it named one, is replaced: every error body is a
    // Problem, and its code is one of this status's.
    let content = response
        .content
        .entry(PROBLEM_JSON.to_owned())
        .or_insert_with(|| ContentBuilder::new().build());
    content.schema = Some(problem_of_status(status));
    if matches!(status, 429 | 503) {
        response
            .headers
            .entry("Retry-After".to_owned())
            .or_insert_with(|| {
                HeaderBuilder::new()
                    .schema(
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(1)),
                    )
                    .description(Some(
                        "Seconds to wait before retrying (when the server knows).",
                    ))
                    .build()
            });
    }
}
