//! The served OpenAPI document read as data: its operations, a valid value for any of
//! its schemas (from the schema's `example`, `enum`, limits and types), the ways to
//! break each value, and the check of an answer against what the operation declares.
//!
//! Everything a request needs is derived from the document, so a new route, parameter
//! or body field is covered without touching the test.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::helpers::Answer;

/// The document and a cache of compiled response validators.
pub struct Document {
    pub doc: Value,
    validators: BTreeMap<String, jsonschema::Validator>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub location: In,
    pub required: bool,
    pub schema: Value,
}

/// One operation of the document: `POST /v1/sessions`.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub op: Value,
    pub params: Vec<Param>,
    pub secured: bool,
}

impl Operation {
    /// The request body's media type and schema, if the operation takes one.
    pub fn body(&self) -> Option<(String, Value)> {
        let content = self.op["requestBody"]["content"].as_object()?;
        let (media, content) = content.iter().next()?;
        Some((media.clone(), content["schema"].clone()))
    }

    pub fn name(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }
}

impl Document {
    pub fn new(doc: Value) -> Self {
        Self {
            doc,
            validators: BTreeMap::new(),
        }
    }

    /// Every operation, in the document's order.
    pub fn operations(&self) -> Vec<Operation> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for (method, op) in item.as_object().expect("path item") {
                if !["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                    continue;
                }
                let params = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|p| Param {
                        name: p["name"].as_str().expect("name").to_owned(),
                        location: match p["in"].as_str() {
                            Some("path") => In::Path,
                            Some("query") => In::Query,
                            _ => In::Header,
                        },
                        required: p["required"].as_bool().unwrap_or(false),
                        schema: self.resolve(&p["schema"]),
                    })
                    .collect();
                let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
                out.push(Operation {
                    method: method.clone(),
                    path: path.clone(),
                    op: op.clone(),
                    params,
                    secured,
                });
            }
        }
        out
    }

    /// Follow `$ref`s to components until a schema that is not one.
    pub fn resolve(&self, schema: &Value) -> Value {
        let mut schema = schema.clone();
        while let Some(reference) = schema["$ref"].as_str() {
            let pointer = reference.trim_start_matches('#');
            schema = self.doc.pointer(pointer).cloned().unwrap_or(Value::Null);
        }
        schema
    }

    /// The schema's types without `null`.
    fn types(schema: &Value) -> Vec<String> {
        match &schema["type"] {
            Value::String(t) => vec![t.clone()],
            Value::Array(ts) => ts
                .iter()
                .filter_map(|t| t.as_str())
                .filter(|t| *t != "null")
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A value the schema accepts, as plain as can be: its example, its first enum
    /// value, or the least its type and limits allow (objects: the required members).
    pub fn sample(&self, schema: &Value) -> Value {
        let schema = self.resolve(schema);
        if let Some(example) = schema.get("example") {
            return example.clone();
        }
        if let Some(example) = schema["examples"].as_array().and_then(|e| e.first()) {
            return example.clone();
        }
        if let Some(first) = schema["enum"].as_array().and_then(|e| e.first()) {
            return first.clone();
        }
        if let Some(value) = schema.get("const") {
            return value.clone();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(first) = schema[key].as_array().and_then(|s| {
                s.iter()
                    .find(|s| self.resolve(s)["type"] != "null")
                    .or(s.first())
            }) {
                return self.sample(first);
            }
        }
        if let Some(all) = schema["allOf"].as_array() {
            let mut merged = Map::new();
            for part in all {
                if let Value::Object(fields) = self.sample(part) {
                    merged.extend(fields);
                }
            }
            return Value::Object(merged);
        }
        let types = Self::types(&schema);
        match types.first().map(String::as_str) {
            Some("string") => {
                let len = schema["minLength"].as_u64().unwrap_or(1).max(1);
                Value::String("x".repeat(len as usize))
            }
            Some("integer") | Some("number") => {
                json!(schema["minimum"].as_i64().unwrap_or(0).max(1))
            }
            Some("boolean") => json!(false),
            Some("array") => {
                let min = schema["minItems"].as_u64().unwrap_or(0);
                Value::Array((0..min).map(|_| self.sample(&schema["items"])).collect())
            }
            _ => {
                let mut object = Map::new();
                let required: Vec<&str> = schema["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str())
                    .collect();
                if let Some(props) = schema["properties"].as_object() {
                    for (name, prop) in props {
                        if required.contains(&name.as_str()) {
                            object.insert(name.clone(), self.sample(prop));
                        }
                    }
                }
                Value::Object(object)
            }
        }
    }

    /// Values the schema refuses, each with what is wrong with it: the wrong type, a
    /// string one past its `maxLength` (or very long where none is stated), one that
    /// breaks its `pattern`, a number outside its range, a value outside its enum.
    pub fn breakers(&self, schema: &Value) -> Vec<(String, Value)> {
        let schema = self.resolve(schema);
        let mut out = Vec::new();
        let types = Self::types(&schema);
        let first = types.first().map(String::as_str).unwrap_or("object");
        match first {
            "string" => {
                out.push(("a number".into(), json!(12345)));
                let long = schema["maxLength"].as_u64().map_or(5000, |m| m + 1);
                out.push((
                    format!("{long} characters"),
                    json!("a".repeat(long as usize)),
                ));
                if schema.get("pattern").is_some() || schema.get("enum").is_some() {
                    out.push(("off its pattern".into(), json!("~ not this ~")));
                }
            }
            "integer" | "number" => {
                out.push(("a string".into(), json!("twelve")));
                out.push(("a fraction".into(), json!(1.5)));
                if let Some(max) = schema["maximum"].as_i64() {
                    out.push(("above its maximum".into(), json!(max + 1)));
                }
                if let Some(min) = schema["minimum"].as_i64() {
                    out.push(("below its minimum".into(), json!(min - 1)));
                }
            }
            "boolean" => out.push(("a string".into(), json!("yes"))),
            "array" => {
                out.push(("an object".into(), json!({})));
                if let Some(max) = schema["maxItems"].as_u64().filter(|m| *m < 20_000) {
                    let item = self.sample(&schema["items"]);
                    out.push((
                        format!("{} items", max + 1),
                        Value::Array(vec![item; max as usize + 1]),
                    ));
                }
            }
            _ => out.push(("a string".into(), json!("an object was expected"))),
        }
        out
    }

    /// The same value as a query or path string: strings as they are, others as JSON.
    pub fn as_text(value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// What is wrong with an answer to `op`, measured against the document: a status
    /// it does not list, a `Retry-After` it does not declare for that status (or one
    /// off its schema), a content type it does not declare, a body off its schema.
    pub fn check(&mut self, op: &Operation, answer: &Answer) -> Result<(), String> {
        let status = answer.status.as_u16();
        let (content_type, body) = (answer.content_type.as_str(), &answer.body);
        let responses = &op.op["responses"];
        let Some(declared) = responses
            .get(status.to_string())
            .or_else(|| responses.get("default"))
        else {
            let listed: Vec<&String> = responses
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
                .collect();
            return Err(format!(
                "status {status} is not documented (lists {listed:?})"
            ));
        };
        let declared = self.resolve(declared);
        if let Some(sent) = answer.headers.get("retry-after") {
            let header = &declared["headers"]["Retry-After"];
            if header.is_null() {
                return Err(format!("status {status}: Retry-After is not documented"));
            }
            let minimum = header["schema"]["minimum"].as_u64().unwrap_or(0);
            let seconds = sent.to_str().ok().and_then(|v| v.parse::<u64>().ok());
            if seconds.is_none_or(|s| s < minimum) {
                return Err(format!(
                    "status {status}: Retry-After {sent:?} is not an integer >= {minimum}"
                ));
            }
        }
        let media = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let content = declared["content"].as_object().cloned().unwrap_or_default();
        if body.is_null() {
            return match content.is_empty() {
                true => Ok(()),
                false => Err(format!(
                    "status {status}: an empty body, documented as {:?}",
                    content.keys().collect::<Vec<_>>()
                )),
            };
        }
        let Some(content) = content.get(&media) else {
            return Err(format!(
                "status {status}: sent as {media:?}, documented as {:?}",
                content.keys().collect::<Vec<_>>()
            ));
        };
        let schema = content["schema"].clone();
        let key = schema.to_string();
        if !self.validators.contains_key(&key) {
            let root = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "components": self.doc["components"].clone(),
                "allOf": [schema],
            });
            let validator = jsonschema::draft202012::new(&root).map_err(|e| {
                format!("status {status}: the declared schema does not compile: {e}")
            })?;
            self.validators.insert(key.clone(), validator);
        }
        if media == "application/problem+json" && body["status"] != json!(status) {
            return Err(format!(
                "status {status}: the problem says status {}",
                body["status"]
            ));
        }
        let validator = &self.validators[&key];
        let errors: Vec<String> = validator
            .iter_errors(body)
            .take(3)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "status {status}: body off its schema: {}",
                errors.join("; ")
            ))
        }
    }
}
