//! Requests of the API listener: how many, by route and status, and how long they
//! took, by route (RED: rate, errors, duration).
//!
//! Every label is bounded by the code, never by what a client sends: the route is the
//! template axum matched (`/v1/companies/{millekod}/users/{login}`) or `unmatched`
//! (a path that matched no route may hold anything), the method one of the seven the
//! API knows or `other` (HTTP lets a client invent methods), the status a number the
//! server itself chose. The duration histogram leaves the status out: one histogram
//! per route and method keeps the series few, and the counter already splits by it.

use std::time::Duration;

use axum::http::Method;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

/// 1 ms to about 16 s, doubling: a token lookup takes a millisecond, a login step
/// with its Argon2 run a few tens, a chunk of 1,000 phone changes about a second.
fn request_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

pub struct Requests {
    total: Family<RequestLabels, Counter>,
    duration: Histograms<RouteLabels>,
}

impl Requests {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let total = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered by the API listener, by method, route template and status",
            total.clone(),
        );
        let duration = Histograms::<RouteLabels>::new_with_constructor(request_buckets);
        registry.register_with_unit(
            "http_request_duration",
            "Time from a request's arrival to its answer's head, by method and route \
             template",
            Unit::Seconds,
            duration.clone(),
        );
        Self { total, duration }
    }

    /// One answered request; `route` is the matched template, if any route matched.
    pub fn answered(&self, method: &Method, route: Option<&str>, status: u16, took: Duration) {
        let method = method_label(method);
        let route = route.unwrap_or("unmatched").to_owned();
        self.duration
            .get_or_create(&RouteLabels {
                method,
                route: route.clone(),
            })
            .observe(took.as_secs_f64());
        self.total
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
    }
}

/// The methods the API answers by name; anything else a client invents is `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invented_method_and_an_unmatched_path_share_one_series() {
        let mut registry = Registry::default();
        let requests = Requests::register(&mut registry);
        for invented in ["BREW", "X-1", "PROPFIND"] {
            let method = Method::from_bytes(invented.as_bytes()).expect("a method token");
            requests.answered(&method, None, 405, Duration::from_millis(1));
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &registry).expect("encode");
        let line = "http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} 3";
        assert!(text.lines().any(|l| l == line), "{text}");
        assert!(!text.contains("BREW"), "{text}");
    }
}
