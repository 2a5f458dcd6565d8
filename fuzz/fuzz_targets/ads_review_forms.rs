//! The review's web interface, in process: any request (a path, a method, a session that is
//! right, an owner's, forged or none, a CSRF token that is right or not, any form body) through
//! the service's routes over a SQLite campaign of the bundled Meta collections. Every answer is
//! a page, a redirect or a refusal: never a server error (5xx) or a panic. A new reviewer signs
//! in for each input, and the campaign's database is made again every 256 inputs, so that ads
//! stay to be handed out.
#![no_main]

use std::cell::RefCell;
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, header};
use chrono::{Duration, Utc};
use disinfo::ads::api::CollectionArg;
use disinfo::ads::review::store::{ReviewStore, Session};
use disinfo::ads::review::{Campaign, CampaignOptions, campaign};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

const PATHS: [&str; 8] = [
    "/review",
    "/owner/invitations",
    "/sign-out",
    "/owner/export?format=csv&table=agreement",
    "/owner",
    "/",
    "/invite/",
    "/owner/export?format=json",
];

struct Service {
    _dir: tempfile::TempDir,
    router: axum::Router,
    store: ReviewStore,
    owner: Session,
    inputs: u32,
}

fn the_campaign() -> Campaign {
    let meta = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/data/ads/meta-fr");
    let collections: Vec<CollectionArg> = ["2019-05-20", "2019-05-27", "2019-06-03"]
        .iter()
        .map(|d| CollectionArg::from(meta.join(d)))
        .collect();
    let options = CampaignOptions {
        reviewers_per_ad: 50,
        ..CampaignOptions::default()
    };
    campaign(&collections, &options).expect("the campaign of the example collections")
}

impl Service {
    fn new() -> Service {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("review.db");
        let mut store = ReviewStore::open(&path).expect("the database");
        let invitation = store
            .create(&the_campaign(), "owner", Duration::days(1), Utc::now())
            .expect("the campaign stored");
        let owner = store
            .redeem(&invitation, Duration::days(1), Utc::now())
            .expect("the owner");
        let served = ReviewStore::open(&path).expect("the database");
        let router =
            disinfo_server::review::router(served, "http://127.0.0.1:8070", 0).expect("the routes");
        Service {
            _dir: dir,
            router,
            store,
            owner,
            inputs: 0,
        }
    }
}

thread_local! {
    static SERVICE: RefCell<Option<Service>> = const { RefCell::new(None) };
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
}

fuzz_target!(|data: &[u8]| {
    let [path, flags, rest @ ..] = data else {
        return;
    };
    SERVICE.with_borrow_mut(|slot| {
        if slot.as_ref().is_none_or(|s| s.inputs >= 256) {
            *slot = Some(Service::new());
        }
        let Some(service) = slot.as_mut() else { return };
        service.inputs += 1;
        let name = format!("r{}", service.inputs);
        let invitation = service
            .store
            .invite(&name, Duration::hours(1), Utc::now())
            .expect("invited");
        let reviewer = service
            .store
            .redeem(&invitation, Duration::hours(1), Utc::now())
            .expect("signed in");
        let handed = service
            .store
            .next(&name, Duration::minutes(30), Utc::now())
            .expect("the next ad")
            .map(|ad| ad.item);
        let session = match flags % 4 {
            0 => Some(&reviewer),
            1 => Some(&service.owner),
            _ => None,
        };
        let mut body = Vec::new();
        if flags & 4 == 4 {
            let csrf = session.map_or("forged", |s| s.csrf.as_str());
            body.extend_from_slice(format!("csrf={csrf}&").as_bytes());
        }
        if flags & 8 == 8 {
            body.extend_from_slice(
                format!("item={}&", handed.as_deref().unwrap_or("none")).as_bytes(),
            );
        }
        body.extend_from_slice(rest);
        let mut uri = PATHS[usize::from(*path) % PATHS.len()].to_owned();
        if uri == "/invite/" {
            uri.push_str(&invitation);
        }
        let method = if flags & 16 == 16 {
            Method::GET
        } else {
            Method::POST
        };
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        match session {
            Some(s) => {
                request = request.header(header::COOKIE, format!("disinfo_session={}", s.token))
            }
            None if flags & 32 == 32 => {
                request = request.header(
                    header::COOKIE,
                    String::from_utf8_lossy(rest).replace(['\r', '\n'], ""),
                )
            }
            None => {}
        }
        let Ok(mut request) = request.body(Body::from(body)) else {
            return;
        };
        request
            .extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 9))));
        let response = RUNTIME
            .with(|rt| rt.block_on(service.router.clone().oneshot(request)))
            .expect("infallible");
        assert!(
            !response.status().is_server_error(),
            "{}",
            response.status()
        );
    });
});
