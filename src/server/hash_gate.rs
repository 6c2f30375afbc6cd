//! The one door every Argon2id run of the server goes through (issue 12, item 2).
//!
//! Each run costs ~50 ms of a core and 19 MiB, and step 2 of every login makes one —
//! of an unknown login too, by design (see `login`). Unbounded, 64 anonymous clients
//! ran 64 hashes at once on blocking threads: health checks waited seconds behind them,
//! and the server grew to 6 GB that glibc's per-thread arenas never gave back. So:
//!
//! * **Permits** (`--argon2-concurrency`, default: the cores, at most 16): no more runs
//!   at once than the machine has cores, so async threads and the database keep CPU.
//! * **Memory** is one [`Argon2Memory`] per permit, made on first use and reused, never
//!   freed: the runs allocate nothing, so at most `permits × 19 MiB` is ever held for
//!   Argon2 and nothing piles up in allocator arenas.
//! * **A short queue** (`--argon2-queue`, default 4 × permits) **with a deadline**
//!   (`--argon2-queue-timeout-ms`, default 1000): beyond either, the answer is 503 with
//!   `Retry-After: 1` — never a hang, and a waiting caller holds no Argon2 memory.
//!   Anonymous callers (login step 2) are admitted this way *before* anything is looked
//!   up, so the 503 is the same for every login and consumes nothing.
//! * **Authenticated callers** (the hashes of unblocks, envelopes, provisioning) wait in
//!   the same first-come line but are not counted against the anonymous queue and wait
//!   longer ([`AUTHENTICATED_DEADLINE`]): a flood of anonymous logins must not make a
//!   HelpDesk unblock fail, and there are few of them.
//!
//! A permit goes into the blocking thread with its run and comes back with it: a caller
//! that stops waiting (a dropped connection) cannot free a permit while its hash still
//! runs, so the bound on runs and memory holds even then.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::Histogram;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::api::ErrorCode;
use crate::domain::temporary_password::Argon2Memory;

use super::error::{ApiError, ApiResult};
use super::metrics::work::{GateUse, Work};

/// How long an authenticated caller waits for a permit: the anonymous queue is bounded,
/// so this is reached only when the machine cannot keep up at all.
pub const AUTHENTICATED_DEADLINE: Duration = Duration::from_secs(10);

/// Permits when none are configured: one per core, at most 16 (304 MiB of Argon2
/// memory); a larger machine that wants more says so with `--argon2-concurrency`.
pub fn default_concurrency() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(2)
        .min(16)
}

/// The sizes of the gate, from the server's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GateSize {
    /// Argon2 runs at once.
    pub permits: usize,
    /// Anonymous callers that may wait for a permit; more get 503 at once.
    pub queue: usize,
    /// How long an anonymous caller waits for a permit before it gets 503.
    pub queue_timeout: Duration,
}

impl Default for GateSize {
    fn default() -> Self {
        let permits = default_concurrency();
        Self {
            permits,
            queue: 4 * permits,
            queue_timeout: Duration::from_millis(1000),
        }
    }
}

/// Who asks: see the module's docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// Login step 2: bounded queue, short deadline.
    Anonymous,
    /// An operator, co-user or API token: not counted in the queue, a long deadline.
    Authenticated,
}

#[derive(Clone)]
pub struct HashGate(Arc<Shared>);

struct Shared {
    size: GateSize,
    permits: Arc<Semaphore>,
    /// Anonymous callers waiting for a permit now.
    waiting: AtomicUsize,
    /// Argon2 runs in progress now (counted in the blocking threads themselves).
    running: AtomicUsize,
    /// The memory of permits not in use; never more than `size.permits` exist.
    idle_memory: Mutex<Vec<Argon2Memory>>,
    /// Where each run's time and each 503 are counted (`metrics::work`), if anywhere.
    timing: Option<Timing>,
}

struct Timing {
    runs: Histogram,
    refused: Counter,
}

impl HashGate {
    pub fn new(size: GateSize) -> Self {
        let permits = size.permits.max(1);
        Self(Arc::new(Shared {
            size: GateSize { permits, ..size },
            permits: Arc::new(Semaphore::new(permits)),
            waiting: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            idle_memory: Mutex::new(Vec::with_capacity(permits)),
            timing: None,
        }))
    }

    /// The same gate, its runs timed and its refusals counted in `work`'s metrics.
    pub fn timed(mut self, work: &Work) -> Self {
        if let Some(shared) = Arc::get_mut(&mut self.0) {
            shared.timing = Some(Timing {
                runs: work.argon2_timer(),
                refused: work.argon2_refusals(),
            });
        }
        self
    }

    /// Runs and waiters now, for a scrape.
    pub fn in_use(&self) -> GateUse {
        GateUse {
            running: self.0.running.load(Ordering::SeqCst),
            waiting: self.0.waiting.load(Ordering::SeqCst),
            permits: self.0.size.permits,
        }
    }

    fn refuse(&self) -> ApiError {
        if let Some(timing) = &self.0.timing {
            timing.refused.inc();
        }
        busy()
    }

    pub fn size(&self) -> GateSize {
        self.0.size
    }

    /// A permit, or 503 when the queue is full or the deadline passes.
    pub async fn admit(&self, caller: Caller) -> ApiResult<HashPermit> {
        let shared = &self.0;
        // First come, first served: a free permit is taken only when no one waits
        // (tokio's semaphore hands released permits to waiters in order).
        if let Ok(permit) = shared.permits.clone().try_acquire_owned() {
            return Ok(self.permit(permit));
        }
        // Counted out when the wait ends, however it ends: a caller whose connection
        // drops mid-wait is dropped here, and must not keep its place in the count.
        let (_in_queue, deadline) = match caller {
            Caller::Anonymous => {
                let place = InQueue::join(&shared.waiting);
                if place.ahead >= shared.size.queue {
                    tracing::debug!(waiting = place.ahead, "argon2 gate: queue full");
                    return Err(self.refuse());
                }
                (Some(place), shared.size.queue_timeout)
            }
            Caller::Authenticated => (None, AUTHENTICATED_DEADLINE),
        };
        let acquired = tokio::time::timeout(deadline, shared.permits.clone().acquire_owned()).await;
        match acquired {
            Ok(Ok(permit)) => Ok(self.permit(permit)),
            Ok(Err(closed)) => Err(ApiError::internal(closed)),
            Err(_) => {
                tracing::debug!(?caller, "argon2 gate: deadline passed");
                Err(self.refuse())
            }
        }
    }

    /// One run under a permit of its own (the hashes of authenticated routes).
    pub async fn run<T: Send + 'static>(
        &self,
        caller: Caller,
        hash: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
    ) -> ApiResult<T> {
        self.admit(caller).await?.run(hash).await
    }

    fn permit(&self, permit: OwnedSemaphorePermit) -> HashPermit {
        let memory = self
            .0
            .idle_memory
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        HashPermit {
            slot: Some(Slot {
                memory,
                gate: self.0.clone(),
                _permit: permit,
            }),
        }
    }
}

/// The right to run Argon2, with the memory to run it in; held by one login check for
/// all its hashes (a new-password flow makes two).
pub struct HashPermit {
    /// Away (in a blocking thread) while a hash runs.
    slot: Option<Slot>,
}

impl std::fmt::Debug for HashPermit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HashPermit")
            .field("running", &self.slot.is_none())
            .finish()
    }
}

/// What travels to the blocking thread and back. Dropped, it gives its memory back to
/// the gate, then its permit.
struct Slot {
    memory: Option<Argon2Memory>,
    gate: Arc<Shared>,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(memory) = self.memory.take() {
            self.gate
                .idle_memory
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(memory);
        }
    }
}

/// An anonymous caller's place in the queue, from joining it to leaving it.
struct InQueue<'a> {
    waiting: &'a AtomicUsize,
    /// Callers that were waiting when this one came.
    ahead: usize,
}

impl<'a> InQueue<'a> {
    fn join(waiting: &'a AtomicUsize) -> Self {
        let ahead = waiting.fetch_add(1, Ordering::SeqCst);
        Self { waiting, ahead }
    }
}

impl Drop for InQueue<'_> {
    fn drop(&mut self) {
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts a run from its start to its end, a panic included.
struct Running<'a>(&'a AtomicUsize);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl HashPermit {
    /// Run one hash off the async threads, in this permit's memory.
    pub async fn run<T: Send + 'static>(
        &mut self,
        hash: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
    ) -> ApiResult<T> {
        let mut slot = self
            .slot
            .take()
            .ok_or_else(|| ApiError::internal("a hash permit used by two runs at once"))?;
        let (slot, out) = tokio::task::spawn_blocking(move || {
            let in_flight = slot.gate.running.fetch_add(1, Ordering::SeqCst) + 1;
            let running = Running(&slot.gate.running);
            // The tests read this line to show the bound holds.
            tracing::debug!(in_flight, permits = slot.gate.size.permits, "argon2 run");
            let memory = slot.memory.get_or_insert_with(Argon2Memory::new);
            let started = Instant::now();
            let out = hash(memory);
            if let Some(timing) = &slot.gate.timing {
                timing.runs.observe(started.elapsed().as_secs_f64());
            }
            drop(running);
            (slot, out)
        })
        .await
        .map_err(ApiError::internal)?;
        self.slot = Some(slot);
        Ok(out)
    }
}

/// The same for every caller and every login: decided before anything is looked up.
fn busy() -> ApiError {
    ApiError::new(
        ErrorCode::ServiceUnavailable,
        "the server is busy checking passwords; retry in a second",
    )
    .with_retry_after(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(permits: usize, queue: usize, timeout_ms: u64) -> HashGate {
        HashGate::new(GateSize {
            permits,
            queue,
            queue_timeout: Duration::from_millis(timeout_ms),
        })
    }

    #[tokio::test]
    async fn beyond_the_queue_the_answer_is_503_at_once() {
        let gate = gate(1, 1, 60_000);
        let _held = gate.admit(Caller::Anonymous).await.unwrap();
        let waiter = tokio::spawn({
            let gate = gate.clone();
            async move { gate.admit(Caller::Anonymous).await.map(|_| ()) }
        });
        while gate.0.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        let refused = gate.admit(Caller::Anonymous).await.unwrap_err();
        assert_eq!(refused.code(), ErrorCode::ServiceUnavailable);
        assert_eq!(refused.retry_after, Some(1));
        // An authenticated caller is not counted in the anonymous queue.
        let authenticated = tokio::spawn({
            let gate = gate.clone();
            async move { gate.admit(Caller::Authenticated).await.map(|_| ()) }
        });
        drop(_held);
        assert!(waiter.await.unwrap().is_ok());
        assert!(authenticated.await.unwrap().is_ok());
    }

    #[tokio::test]
    async fn past_the_deadline_the_answer_is_503() {
        let gate = gate(1, 8, 20);
        let _held = gate.admit(Caller::Anonymous).await.unwrap();
        let refused = gate.admit(Caller::Anonymous).await.unwrap_err();
        assert_eq!(refused.code(), ErrorCode::ServiceUnavailable);
        assert_eq!(gate.0.waiting.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_caller_that_gives_up_waiting_leaves_the_queue() {
        let gate = gate(1, 1, 60_000);
        let held = gate.admit(Caller::Anonymous).await.unwrap();
        for _ in 0..3 {
            let waiter = tokio::spawn({
                let gate = gate.clone();
                async move { gate.admit(Caller::Anonymous).await.map(|_| ()) }
            });
            while gate.0.waiting.load(Ordering::SeqCst) == 0 {
                tokio::task::yield_now().await;
            }
            // The client hangs up while it waits.
            waiter.abort();
            let _ = waiter.await;
            assert_eq!(gate.0.waiting.load(Ordering::SeqCst), 0);
        }
        drop(held);
        assert!(gate.admit(Caller::Anonymous).await.is_ok());
    }

    #[tokio::test]
    async fn memory_is_made_once_per_permit_and_reused() {
        let gate = gate(2, 8, 60_000);
        let mut first = gate.admit(Caller::Anonymous).await.unwrap();
        let address = first.run(|m| m.address()).await.unwrap();
        // Two hashes under one permit run in the same memory.
        let again = first.run(|m| m.address()).await.unwrap();
        assert_eq!(address, again);
        drop(first);
        for _ in 0..10 {
            gate.run(Caller::Anonymous, |m| m.bytes()).await.unwrap();
        }
        let idle = gate.0.idle_memory.lock().unwrap().len();
        assert_eq!(idle, 1, "one permit was ever used at a time");
        assert_eq!(gate.0.running.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_caller_that_stops_waiting_does_not_free_a_running_permit() {
        let gate = gate(1, 4, 60_000);
        let (started, wait_started) = std::sync::mpsc::channel();
        let (finish, wait_finish) = std::sync::mpsc::channel::<()>();
        let mut permit = gate.admit(Caller::Anonymous).await.unwrap();
        let runner = tokio::spawn(async move {
            permit
                .run(move |_| {
                    let _ = started.send(());
                    let _ = wait_finish.recv();
                })
                .await
        });
        tokio::task::spawn_blocking(move || wait_started.recv())
            .await
            .unwrap()
            .unwrap();
        runner.abort();
        let _ = runner.await;
        assert_eq!(gate.0.permits.available_permits(), 0, "the hash still runs");
        finish.send(()).unwrap();
        assert!(gate.admit(Caller::Anonymous).await.is_ok());
    }
}
