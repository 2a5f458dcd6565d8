//! Running a chat request: verify and read it, apply the rate limit, run the command on a
//! blocking thread, and answer within `service.answer_within_ms` (later through the request's
//! `response_url` when the command takes longer).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use disinfo_chat::{Accepted, Delivery, Incoming, Platform, Response, Router};
use serde_json::{Value, json};

use crate::limit::RateLimit;

/// What the handlers share.
pub(crate) struct App {
    /// The router: it decides everything.
    pub router: Arc<Router>,
    limit: RateLimit,
    /// Posts not yet made (delayed answers, forwarded cards): shutdown waits for them.
    pending: Arc<AtomicUsize>,
}

/// An answer, and what the request log says of it.
pub(crate) struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body; `Null` is an empty body (Slack's answer to a button press).
    pub body: Value,
    /// The command's name, when the request named one that exists.
    pub command: &'static str,
    /// The verified user, when the request was verified.
    pub user: String,
    /// Seconds until the user may try again (429).
    pub retry_after: Option<u64>,
}

impl Answer {
    fn plain(response: Response) -> Answer {
        Answer {
            status: response.status,
            body: response.body,
            command: "",
            user: String::new(),
            retry_after: None,
        }
    }
}

/// The ephemeral JSON of a refusal.
pub(crate) fn ephemeral(text: impl Into<String>) -> Value {
    json!({"response_type": "ephemeral", "text": text.into()})
}

/// The answer to a panic: a bug, said plainly (the panic itself is in the log).
fn bug() -> Response {
    Response {
        status: 500,
        body: ephemeral(
            "Something went wrong on this service (a bug, now in its log); please tell its administrators.",
        ),
        deliveries: Vec::new(),
    }
}

/// Runs `f`, turning a panic into `None` (logged with where it happened).
pub(crate) fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(value) => Some(value),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with a non-string payload".to_owned());
            tracing::error!(during = what, panic = %message, "bug: a panic was caught");
            None
        }
    }
}

/// Runs `f` on a blocking thread under [`guard`].
async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    tokio::task::spawn_blocking(move || guard(what, f))
        .await
        .ok()
        .flatten()
}

/// Counts a post in flight until dropped.
struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    fn new(pending: &Arc<AtomicUsize>) -> InFlight {
        pending.fetch_add(1, Ordering::SeqCst);
        InFlight(pending.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl App {
    /// The shared state over `router`.
    pub(crate) fn new(router: Arc<Router>) -> App {
        let per_minute = router.config().service.requests_per_minute;
        App {
            router,
            limit: RateLimit::new(per_minute, Instant::now()),
            pending: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// How many posts are still to be made.
    pub(crate) fn pending(&self) -> usize {
        self.pending.load(Ordering::SeqCst)
    }

    /// Answers a chat request (a slash command or a button press); `platform` is the
    /// endpoint's, `None` to detect it.
    pub(crate) async fn answer(&self, platform: Option<Platform>, incoming: Incoming) -> Answer {
        let router = self.router.clone();
        let now = chrono::Utc::now().timestamp();
        let accepted = blocking("accept", move || router.accept(platform, &incoming, now)).await;
        let accepted = match accepted {
            None => return Answer::plain(bug()),
            Some(Err(refusal)) => return Answer::plain(refusal),
            Some(Ok(accepted)) => accepted,
        };
        let mut answer = Answer {
            command: accepted.name(),
            user: accepted.user().to_string(),
            ..Answer::plain(bug())
        };
        let key = format!("{:?}:{}", accepted.platform(), accepted.user());
        if let Err(wait) = self.limit.take(&key, Instant::now()) {
            let seconds = wait.as_secs() + 1;
            answer.status = 429;
            answer.body = ephemeral(format!(
                "Slow down: at most {} requests a minute per user here. Try again in {seconds} s.",
                self.router.config().service.requests_per_minute
            ));
            answer.retry_after = Some(seconds);
            return answer;
        }
        let response = self.run(accepted).await;
        self.deliver(response.deliveries);
        answer.status = response.status;
        answer.body = response.body;
        answer
    }

    /// Runs an accepted request; answers "working on it" when it takes longer than
    /// `answer_within_ms` and a `response_url` can take the answer later.
    async fn run(&self, accepted: Accepted) -> Response {
        let router = self.router.clone();
        let later = accepted.response_url().map(str::to_string);
        let job = {
            let accepted = accepted.clone();
            tokio::task::spawn_blocking(move || guard("run", || router.run(&accepted)))
        };
        let Some(url) = later else {
            return job.await.ok().flatten().unwrap_or_else(bug);
        };
        let within = Duration::from_millis(self.router.config().service.answer_within_ms);
        // 0 means "always later": the result is not even polled once, so the delayed path is
        // the same whatever the command's speed.
        let mut job = job;
        if !within.is_zero()
            && let Ok(joined) = tokio::time::timeout(within, &mut job).await
        {
            return joined.ok().flatten().unwrap_or_else(bug);
        }
        let working = guard("working", || self.router.working(&accepted)).unwrap_or_else(bug);
        let in_flight = InFlight::new(&self.pending);
        let command = accepted.name();
        let pending = self.pending.clone();
        tokio::spawn(async move {
            let _in_flight = in_flight;
            let response = job.await.ok().flatten().unwrap_or_else(bug);
            post_all(
                &pending,
                std::iter::once(Delivery {
                    url,
                    body: response.body,
                })
                .chain(response.deliveries),
                command,
            )
            .await;
        });
        working
    }

    /// Posts `deliveries` in the background.
    fn deliver(&self, deliveries: Vec<Delivery>) {
        if deliveries.is_empty() {
            return;
        }
        let in_flight = InFlight::new(&self.pending);
        let pending = self.pending.clone();
        tokio::spawn(async move {
            let _in_flight = in_flight;
            post_all(&pending, deliveries.into_iter(), "").await;
        });
    }
}

/// Posts each delivery on a thread; failures are logged, never raised.
async fn post_all(
    pending: &Arc<AtomicUsize>,
    deliveries: impl Iterator<Item = Delivery>,
    command: &'static str,
) {
    for delivery in deliveries {
        let _in_flight = InFlight::new(pending);
        let started = Instant::now();
        let url = delivery.url.clone();
        // A thread of its own, not one of the commands' blocking threads: a webhook that does
        // not answer holds it for up to `deliver::TIMEOUT`, and must not hold up commands.
        let (done, result) = tokio::sync::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("deliver".into())
            .spawn(move || {
                let posted = guard("deliver", || {
                    disinfo_chat::deliver::post(&delivery.url, &delivery.body)
                });
                let _ = done.send(posted);
            });
        let result = match spawned {
            Ok(_) => result.await.ok().flatten(),
            Err(e) => {
                tracing::warn!(error = %e, "no thread for a delivery");
                None
            }
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let host = host(&url);
        match result {
            Some(Ok(status)) => {
                tracing::info!(
                    delivery = host,
                    status,
                    command,
                    duration_ms = ms,
                    "delivered"
                )
            }
            Some(Err(disinfo_chat::Error::DeliveryFailed { message, .. })) => {
                tracing::warn!(delivery = host, error = %message, command, duration_ms = ms, "delivery failed")
            }
            Some(Err(e)) => {
                tracing::warn!(
                    delivery = host,
                    error = e.code(),
                    command,
                    duration_ms = ms,
                    "delivery failed"
                )
            }
            None => tracing::warn!(delivery = host, command, "delivery failed: a bug"),
        }
    }
}

/// The host of a URL: webhook URLs carry their secret in the path or the query, so logs name
/// only where a post went.
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    authority.rsplit('@').next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_and_answered_500_with_a_plain_text() {
        assert_eq!(guard("test", || 7), Some(7));
        let caught: Option<()> = guard("test", || panic!("deliberate"));
        assert_eq!(caught, None);
        let answer = bug();
        assert_eq!(answer.status, 500);
        assert_eq!(answer.body["response_type"], "ephemeral");
        assert!(
            answer.body["text"]
                .as_str()
                .unwrap_or_default()
                .contains("a bug")
        );
    }

    #[test]
    fn logs_name_only_the_host_of_a_webhook() {
        assert_eq!(
            host("https://hooks.example.org/services/T0/B0/secret"),
            "hooks.example.org"
        );
        assert_eq!(
            host("http://user:pw@127.0.0.1:8080/x?token=y"),
            "127.0.0.1:8080"
        );
        assert_eq!(host("not a url"), "not a url");
    }
}
