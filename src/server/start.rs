//! From [`ServerOptions`] to a bound server: the one place that wires it — the
//! settings, the transport check, the SMS sender, the pepper, the mask key, the store.
//!
//! The steps run in a fixed order, cheapest and most likely to be mistyped first, so
//! that a wrong flag is reported before anything is opened: settings (lockout limit,
//! transport key file), plain HTTP off loopback, the SMS webhook, then the pepper, the
//! PKCS#11 token, the database, and last the listeners. `dev::start` shares the first
//! three ([`prepare`]) and brings its own pepper, database and outbox.

use std::sync::Arc;

use anyhow::Context;
use secrecy::SecretString;

use super::listener::ConnectionLimits;
use super::options::{ServerOptions, TlsFiles, WebhookOptions};
use super::secrets_file::load_pepper;
use super::serve::{check_transport, BoundServer, ServerConfig};
use super::sms::{NoGateway, SmsSender, Webhook};
use super::state::Settings;

/// Wire and bind the server `options` describe; serve it with
/// [`BoundServer::serve`] once its address has been announced.
pub async fn start(options: ServerOptions) -> anyhow::Result<BoundServer> {
    let prepared = prepare(&options)?;
    let pepper = load_pepper(&options.pepper)?;
    let mask_key = match &options.mask_key {
        Some(token) => Some(super::mask_key::open(token).await?),
        None => None,
    };
    let url = match &options.database {
        Some(url) => url.clone(),
        None => default_database()?,
    };
    let store = crate::store::open(&url).await?;
    let sms = prepared.webhook.unwrap_or_else(|| {
        tracing::warn!("no SMS gateway configured (--sms-webhook-url); SMS users cannot log in");
        Arc::new(NoGateway)
    });
    let config = ServerConfig {
        listen: options.listen,
        store,
        pepper,
        mask_key,
        sms,
        settings: prepared.settings,
        tls: prepared.tls,
        insecure_http: options.insecure_http,
        connections: prepared.connections,
        management_listen: options.management_listen,
    };
    BoundServer::bind(config).await
}

/// What every server start works out from its options before opening anything.
pub(crate) struct Prepared {
    pub settings: Settings,
    pub connections: ConnectionLimits,
    pub tls: Option<TlsFiles>,
    /// The SMS gateway, when one is configured.
    pub webhook: Option<Arc<dyn SmsSender>>,
}

/// Settings, the refusal of plain HTTP off loopback, and the SMS webhook.
pub(crate) fn prepare(options: &ServerOptions) -> anyhow::Result<Prepared> {
    let settings = options.settings()?;
    check_transport(
        &options.listen,
        options.tls.is_some(),
        options.insecure_http,
    )?;
    let webhook = options
        .sms_webhook
        .as_ref()
        .map(webhook_sender)
        .transpose()?;
    Ok(Prepared {
        settings,
        connections: options.connections,
        tls: options.tls.clone(),
        webhook,
    })
}

/// The SMS gateway webhook with its bearer secret: from the file, else from
/// `MILLECTL_SMS_WEBHOOK_TOKEN`.
fn webhook_sender(webhook: &WebhookOptions) -> anyhow::Result<Arc<dyn SmsSender>> {
    let secret = match &webhook.token_file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .trim()
            .to_owned(),
        None => std::env::var("MILLECTL_SMS_WEBHOOK_TOKEN")
            .context("the SMS webhook needs a bearer secret: --sms-webhook-token-file or MILLECTL_SMS_WEBHOOK_TOKEN")?,
    };
    Ok(Arc::new(Webhook::new(
        webhook.url.clone(),
        SecretString::from(secret),
    )?))
}

/// `sqlite://` a file in the user's data directory, which is made if missing.
fn default_database() -> anyhow::Result<String> {
    let dirs = directories::ProjectDirs::from("", "", "millectl")
        .context("cannot find the user's data directory; give --database")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(crate::store::sqlite_url(&dir.join("millectl.db")))
}
