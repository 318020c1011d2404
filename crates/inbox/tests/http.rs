//! The inbox over HTTP, against real databases and a real server on a local
//! port: what a sender is answered, what is stored, and what the author sees.

mod common;

use common::*;
use serde_json::{json, Value};

type Mutate = fn(&mut Value);

/// A request built by hand: what, method, content type, body, status, sentence.
type RawCase = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Vec<u8>,
    u16,
    &'static str,
);

/// Each bad request: how it differs from a good one, the status, and the
/// sentence the visitor is shown. Nothing of these is stored.
#[tokio::test]
async fn bad_requests_are_answered_with_their_status_and_a_sentence() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();

    let body_cases: &[(&str, Mutate, u16, &str)] = &[
        (
            "no id",
            |l| {
                l.as_object_mut().unwrap().remove("id");
            },
            400,
            "The lead has no `id`.",
        ),
        (
            "id not a uuid",
            |l| l["id"] = "lead-1".into(),
            422,
            "`id` must be a UUID",
        ),
        (
            "id a number",
            |l| l["id"] = 7.into(),
            400,
            "`id` must be text.",
        ),
        (
            "no email",
            |l| {
                l.as_object_mut().unwrap().remove("email");
            },
            400,
            "The lead has no `email`.",
        ),
        (
            "email without @",
            |l| l["email"] = "jane.example.com".into(),
            422,
            "An email address needs an @",
        ),
        (
            "email with a space",
            |l| l["email"] = "ja ne@example.com".into(),
            422,
            "does not look like an email address",
        ),
        (
            "email too long",
            |l| l["email"] = format!("{}@example.com", "a".repeat(250)).into(),
            422,
            "That email address is too long",
        ),
        (
            "name too long",
            |l| l["name"] = "n".repeat(201).into(),
            422,
            "`name` is longer than 200 characters.",
        ),
        (
            "name a number",
            |l| l["name"] = 3.into(),
            400,
            "`name` must be text or null.",
        ),
        (
            "name with a control character",
            |l| l["name"] = "Ada\u{0}".into(),
            422,
            "`name` contains control characters.",
        ),
        (
            "company with a newline",
            |l| l["company"] = "Acme\nInc".into(),
            422,
            "`company` contains control characters.",
        ),
        (
            "calculator in capitals",
            |l| l["calculator"] = "ROAS".into(),
            422,
            "`calculator` must be a calculator's short name",
        ),
        (
            "calculator empty",
            |l| l["calculator"] = "".into(),
            422,
            "`calculator` must be a calculator's short name",
        ),
        (
            "inputs a list",
            |l| l["inputs"] = json!(["12000"]),
            400,
            "`inputs` must be an object of texts.",
        ),
        (
            "inputs with a number",
            |l| l["inputs"] = json!({"revenue": 12000}),
            400,
            "`inputs` must be an object of texts.",
        ),
        (
            "inputs with 65 entries",
            |l| {
                l["inputs"] = (0..65)
                    .map(|i| (format!("k{i}"), Value::from("1")))
                    .collect::<serde_json::Map<_, _>>()
                    .into()
            },
            422,
            "`inputs` has more than 64 entries.",
        ),
        (
            "result too long",
            |l| l["results"]["roas"] = "9".repeat(2_001).into(),
            422,
            "A value in `results` is longer than 2000 characters.",
        ),
        (
            "result with an empty name",
            |l| l["results"] = json!({"": "1"}),
            422,
            "A name in `results` is empty",
        ),
        (
            "missing results",
            |l| {
                l.as_object_mut().unwrap().remove("results");
            },
            400,
            "The lead has no `results`.",
        ),
        (
            "page_url javascript:",
            |l| l["page_url"] = "javascript:alert(1)".into(),
            422,
            "`page_url` must be the http(s) address",
        ),
        (
            "page_url too long",
            |l| l["page_url"] = format!("https://site.example/{}", "a".repeat(2_100)).into(),
            422,
            "`page_url` must be the http(s) address",
        ),
        (
            "created_at not a time",
            |l| l["created_at"] = "yesterday".into(),
            422,
            "`created_at` must be an RFC 3339 time",
        ),
        (
            "consent false",
            |l| l["consent"] = false.into(),
            422,
            "Consent is missing: tick the box",
        ),
        (
            "consent missing",
            |l| {
                l.as_object_mut().unwrap().remove("consent");
            },
            400,
            "The lead has no `consent`.",
        ),
        (
            "consent as text",
            |l| l["consent"] = "yes".into(),
            400,
            "`consent` must be true or false.",
        ),
    ];
    for (what, mutate, status, message) in body_cases {
        let mut body = lead("bad@example.com");
        mutate(&mut body);
        let response = post_lead(&client, &inbox, &body).await;
        assert_eq!(response.status().as_u16(), *status, "{what}");
        assert_eq!(
            response.headers()["content-type"],
            "text/plain; charset=utf-8",
            "{what}"
        );
        let text = response.text().await.unwrap();
        assert!(
            text.contains(message),
            "{what}: {text:?} should contain {message:?}"
        );
    }

    let raw_cases: &[RawCase] = &[
        (
            "text/plain",
            "POST",
            Some("text/plain"),
            b"{}".to_vec(),
            415,
            "Send the lead as JSON",
        ),
        (
            "no content type",
            "POST",
            None,
            b"{}".to_vec(),
            415,
            "Send the lead as JSON",
        ),
        (
            "a look-alike type",
            "POST",
            Some("application/jsonx"),
            b"{}".to_vec(),
            415,
            "Send the lead as JSON",
        ),
        (
            "not JSON",
            "POST",
            Some("application/json"),
            b"{\"id\": ".to_vec(),
            400,
            "The lead is not valid JSON.",
        ),
        (
            "empty body",
            "POST",
            Some("application/json"),
            vec![],
            400,
            "The lead is not valid JSON.",
        ),
        (
            "a JSON list",
            "POST",
            Some("application/json"),
            b"[1, 2]".to_vec(),
            400,
            "The lead must be a JSON object.",
        ),
        (
            "invalid UTF-8",
            "POST",
            Some("application/json"),
            b"{\"id\": \"\xff\"}".to_vec(),
            400,
            "The lead is not valid JSON.",
        ),
        (
            "over 64 KB",
            "POST",
            Some("application/json"),
            vec![b' '; 70_000],
            413,
            "The lead is larger than 64 KB.",
        ),
        ("GET", "GET", None, vec![], 405, ""),
    ];
    for (what, method, content_type, body, status, message) in raw_cases {
        let mut request = client
            .request(method.parse().unwrap(), inbox.url("/leads"))
            .header("origin", SITE)
            .body(body.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", *content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), *status, "{what}");
        let text = response.text().await.unwrap();
        assert!(text.contains(message), "{what}: {text:?}");
    }

    let other_site = client
        .post(inbox.url("/leads"))
        .header("origin", "https://elsewhere.example")
        .json(&lead("bad@example.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(other_site.status(), 403);
    assert!(other_site
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    assert_eq!(
        other_site.text().await.unwrap(),
        "This site may not send leads to this inbox."
    );

    let nowhere = client.get(inbox.url("/nothing")).send().await.unwrap();
    assert_eq!(nowhere.status(), 404);

    assert_eq!(stored(&client, &inbox).await, Vec::<Value>::new());
    inbox.stop().await;
}

#[tokio::test]
async fn a_lead_is_stored_once_by_its_id_in_every_database() {
    for db in databases().await {
        let inbox = Inbox::start(config(&db.url)).await;
        let client = reqwest::Client::new();
        let body = lead("jane@example.com");

        let first = post_lead(&client, &inbox, &body).await;
        assert_eq!(first.status(), 201, "{}", db.name);
        assert_eq!(first.headers()["access-control-allow-origin"], SITE);
        assert_eq!(first.json::<Value>().await.unwrap()["id"], body["id"]);
        assert_eq!(
            post_lead(&client, &inbox, &body).await.status(),
            200,
            "{}",
            db.name
        );

        // Twenty tabs sending one new lead at once: one stores it.
        let twin = lead("twin@example.com");
        let answers = futures_join(20, |_| {
            let client = client.clone();
            let twin = twin.clone();
            let url = inbox.url("/leads");
            async move {
                client
                    .post(url)
                    .header("origin", SITE)
                    .json(&twin)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            }
        })
        .await;
        assert_eq!(
            answers.iter().filter(|s| **s == 201).count(),
            1,
            "{}: {answers:?}",
            db.name
        );
        assert_eq!(
            answers.iter().filter(|s| **s == 200).count(),
            19,
            "{}",
            db.name
        );

        let leads = stored(&client, &inbox).await;
        assert_eq!(leads.len(), 2, "{}", db.name);
        assert_eq!(leads[0]["email"], "twin@example.com", "newest first");
        assert_eq!(leads[1]["inputs"]["revenue"], "12000");
        assert_eq!(leads[1]["results"]["roas"], "4.00× (400.0%)");
        assert_eq!(leads[1]["origin"], SITE);
        inbox.stop().await;

        // Still there after a restart.
        let inbox = Inbox::start(config(&db.url)).await;
        assert_eq!(stored(&client, &inbox).await.len(), 2, "{}", db.name);
        inbox.stop().await;
    }
}

async fn futures_join<F, Fut>(n: usize, make: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = u16> + Send + 'static,
{
    let tasks: Vec<_> = (0..n).map(|i| tokio::spawn(make(i))).collect();
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

#[tokio::test]
async fn only_the_allowed_origins_pass_the_preflight() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();
    let preflight = |origin: &str| {
        client
            .request(reqwest::Method::OPTIONS, inbox.url("/leads"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight(SITE).await.unwrap();
    assert_eq!(allowed.status(), 204);
    assert_eq!(allowed.headers()["access-control-allow-origin"], SITE);
    assert_eq!(allowed.headers()["access-control-allow-methods"], "POST");
    assert_eq!(
        allowed.headers()["access-control-allow-headers"],
        "content-type"
    );
    let refused = preflight("https://elsewhere.example").await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());

    // A script (no Origin) may send; a page of another site may not.
    let script = client
        .post(inbox.url("/leads"))
        .json(&lead("cli@example.com"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 201);
    assert!(script
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    inbox.stop().await;
}

#[tokio::test]
async fn an_address_over_its_rate_is_told_when_to_come_back() {
    let db = sqlite();
    let mut settings = config(&db.url);
    settings.rate_limit = quire_inbox::config::RateLimit {
        per_minute: 2,
        burst: 2,
    };
    let inbox = Inbox::start(settings).await;
    let client = reqwest::Client::new();
    for _ in 0..2 {
        assert_eq!(
            post_lead(&client, &inbox, &lead("r@example.com"))
                .await
                .status(),
            201
        );
    }
    let limited = post_lead(&client, &inbox, &lead("r@example.com")).await;
    assert_eq!(limited.status(), 429);
    let wait: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
    assert_eq!(
        limited.headers()["access-control-allow-origin"],
        SITE,
        "the page can read why"
    );
    assert_eq!(stored(&client, &inbox).await.len(), 2);
    inbox.stop().await;
}

#[tokio::test]
async fn a_filled_honeypot_is_thanked_and_kept_nowhere() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();
    let mut bot = lead("bot@example.com");
    bot["website"] = "https://spam.example".into();
    assert_eq!(post_lead(&client, &inbox, &bot).await.status(), 201);
    assert!(stored(&client, &inbox).await.is_empty());
    inbox.stop().await;
}

#[tokio::test]
async fn the_inbox_page_needs_the_secret_and_escapes_what_visitors_wrote() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();
    let mut hostile = lead("mallory@example.com");
    hostile["name"] = "<script>alert(1)</script>".into();
    hostile["results"]["\"><img src=x onerror=alert(2)>"] = "<b>x</b>".into();
    assert_eq!(post_lead(&client, &inbox, &hostile).await.status(), 201);

    let anonymous = client.get(inbox.url("/inbox")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert!(anonymous.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic realm="));
    let wrong = client
        .get(inbox.url("/inbox"))
        .basic_auth("me", Some("not-the-secret-at-all"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    for export in ["/inbox/leads.csv", "/inbox/leads.json"] {
        assert_eq!(
            client.get(inbox.url(export)).send().await.unwrap().status(),
            401,
            "{export}"
        );
    }

    let page = client
        .get(inbox.url("/inbox"))
        .basic_auth("me", Some(SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("mallory@example.com"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"), "no script reaches the page");
    assert!(
        !html.contains("<img"),
        "no markup from a visitor reaches the page"
    );
    assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
    inbox.stop().await;

    // Without a secret the author's side is off, not open.
    let mut open = config(&db.url);
    open.secret = None;
    let inbox = Inbox::start(open).await;
    let off = client
        .get(inbox.url("/inbox/leads.json"))
        .bearer_auth("anything-at-all-here")
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 403);
    assert!(off.text().await.unwrap().contains("set QUIRE_INBOX_SECRET"));
    inbox.stop().await;
}

#[tokio::test]
async fn leads_are_marked_handled_and_a_person_is_forgotten_on_request() {
    for db in databases().await {
        let inbox = Inbox::start(config(&db.url)).await;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let jane = lead("Jane@Example.com");
        post_lead(&client, &inbox, &jane).await;
        post_lead(&client, &inbox, &lead("jane@example.com")).await;
        post_lead(&client, &inbox, &lead("other@example.com")).await;
        let id = jane["id"].as_str().unwrap();

        // No change on GET.
        let (get, _) = author_get(&client, &inbox, &format!("/inbox/leads/{id}/handled")).await;
        assert_eq!(get, 405, "{}", db.name);
        // No change from another site's form.
        let handled_path = format!("/inbox/leads/{id}/handled");
        let forged = author_post(
            &client,
            &inbox,
            &handled_path,
            &[("handled", "true")],
            "cross-site",
        )
        .await;
        assert_eq!(forged.status(), 403, "{}", db.name);
        let handled = author_post(
            &client,
            &inbox,
            &handled_path,
            &[("handled", "true")],
            "same-origin",
        )
        .await;
        assert_eq!(handled.status(), 303, "{}", db.name);
        let leads = stored(&client, &inbox).await;
        let marked = leads.iter().find(|l| l["id"] == jane["id"]).unwrap();
        assert!(marked["handled_at"].as_i64().is_some(), "{}", db.name);
        let missing = author_post(
            &client,
            &inbox,
            "/inbox/leads/00000000-0000-0000-0000-000000000000/handled",
            &[("handled", "true")],
            "same-origin",
        )
        .await;
        assert_eq!(missing.status(), 404);

        let forgot = author_post(
            &client,
            &inbox,
            "/inbox/forget",
            &[("email", "JANE@example.com")],
            "same-origin",
        )
        .await;
        assert_eq!(forgot.status(), 303, "{}", db.name);
        let location = forgot.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(
            location,
            "/inbox?notice=Deleted%202%20leads%20of%20JANE%40example.com."
        );
        let (_, notice) = author_get(&client, &inbox, &location).await;
        assert!(notice.contains("Deleted 2 leads of JANE@example.com."));
        let left = stored(&client, &inbox).await;
        assert_eq!(left.len(), 1, "{}", db.name);
        assert_eq!(left[0]["email"], "other@example.com");
        inbox.stop().await;
    }
}

#[tokio::test]
async fn exports_list_newest_first_filter_by_calculator_and_neutralise_formulas() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();
    let mut formula = lead("f@example.com");
    formula["name"] = "=HYPERLINK(\"https://evil.example\")".into();
    post_lead(&client, &inbox, &formula).await;
    let mut ltv = lead("ltv@example.com");
    ltv["calculator"] = "ltv".into();
    post_lead(&client, &inbox, &ltv).await;

    let csv = client
        .get(inbox.url("/inbox/leads.csv"))
        .bearer_auth(SECRET)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with("received_at,id,email,name"));
    assert!(
        rows[1].contains(",ltv@example.com,"),
        "newest first: {}",
        rows[1]
    );
    assert!(
        rows[2].contains(",\"'=HYPERLINK(\"\"https://evil.example\"\")\","),
        "{}",
        rows[2]
    );

    let (_, only_ltv) = author_get(&client, &inbox, "/inbox/leads.json?calculator=ltv").await;
    let only_ltv: Vec<Value> = serde_json::from_str(&only_ltv).unwrap();
    assert_eq!(only_ltv.len(), 1);
    assert_eq!(only_ltv[0]["calculator"], "ltv");
    let (_, page) = author_get(&client, &inbox, "/inbox?calculator=ltv").await;
    assert!(page.contains("ltv@example.com") && !page.contains("f@example.com"));
    inbox.stop().await;
}

#[tokio::test]
async fn health_answers_ok() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let health = reqwest::get(inbox.url("/health")).await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    inbox.stop().await;
}

/// A graceful stop answers every request it accepted: each lead either got
/// a 2xx and is stored, or was never taken (the connection was refused).
#[tokio::test]
async fn stopping_finishes_the_requests_in_flight() {
    let db = sqlite();
    let inbox = Inbox::start(config(&db.url)).await;
    let client = reqwest::Client::new();
    let url = inbox.url("/leads");
    let sent: Vec<Value> = (0..60)
        .map(|i| lead(&format!("s{i}@example.com")))
        .collect();
    let tasks: Vec<_> = sent
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, body)| {
            let client = client.clone();
            let url = url.clone();
            tokio::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_millis(i as u64)).await;
                client
                    .post(url)
                    .header("origin", SITE)
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let db_url = db.url.clone();
    inbox.stop().await;
    let mut accepted = Vec::new();
    for (task, body) in tasks.into_iter().zip(&sent) {
        match task.await.unwrap() {
            Ok(201) => accepted.push(body["id"].as_str().unwrap().to_string()),
            Ok(other) => panic!("answered {other} while stopping"),
            Err(error) => assert!(error.is_connect() || error.is_request(), "{error}"),
        }
    }
    assert!(!accepted.is_empty(), "some leads were sent before the stop");
    let store = quire_inbox::Store::open(&db_url).await.unwrap();
    let kept = store.list(&Default::default()).await.unwrap();
    for id in &accepted {
        assert!(
            kept.iter().any(|l| &l.lead.id == id),
            "{id} was answered 201 but not stored"
        );
    }
    store.close().await;
}

/// Leads from calculators framed on other sites keep that site (and the
/// snippet's partner), in SQLite and PostgreSQL: the page counts leads per
/// site and filters by it, and both exports carry it.
#[tokio::test]
async fn leads_from_embeds_are_credited_counted_and_filtered_by_site() {
    for db in databases().await {
        let inbox = Inbox::start(config(&db.url)).await;
        let client = reqwest::Client::new();
        post_lead(&client, &inbox, &lead("own@example.com")).await;
        for (email, site, partner) in [
            (
                "a@example.com",
                "https://Partner.example",
                Some("spring-letter"),
            ),
            ("b@example.com", "https://partner.example", None),
            ("c@example.com", "http://127.0.0.1:4174", None),
        ] {
            let mut body = lead(email);
            body["embedded_on"] = site.into();
            if let Some(partner) = partner {
                body["partner"] = partner.into();
            }
            assert_eq!(
                post_lead(&client, &inbox, &body).await.status(),
                201,
                "{email}"
            );
        }

        let (_, page) = author_get(&client, &inbox, "/inbox").await;
        let by_site = page
            .split("data-testid=\"leads-by-site\"")
            .nth(1)
            .and_then(|rest| rest.split("</table>").next())
            .expect("the page counts leads by site");
        for (site, count) in [
            ("This site", 1),
            ("https://partner.example", 2),
            ("http://127.0.0.1:4174", 1),
        ] {
            assert!(
                by_site.contains(&format!("{site}</a></th><td>{count}</td>")),
                "{site}: {by_site}"
            );
        }
        assert!(page.contains("Embedded on https://partner.example (partner: spring-letter)"));

        let (_, partner_page) = author_get(
            &client,
            &inbox,
            "/inbox?source=https%3A%2F%2Fpartner.example",
        )
        .await;
        assert!(partner_page.contains("a@example.com") && partner_page.contains("b@example.com"));
        assert!(
            !partner_page.contains("own@example.com") && !partner_page.contains("c@example.com")
        );
        let (_, own_page) = author_get(&client, &inbox, "/inbox?source=own").await;
        assert!(own_page.contains("own@example.com") && !own_page.contains("a@example.com"));

        let (_, json) = author_get(
            &client,
            &inbox,
            "/inbox/leads.json?source=http%3A%2F%2F127.0.0.1%3A4174",
        )
        .await;
        let json: Vec<Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(json.len(), 1);
        assert_eq!(json[0]["embedded_on"], "http://127.0.0.1:4174");
        let (_, csv) = author_get(
            &client,
            &inbox,
            "/inbox/leads.csv?source=https%3A%2F%2Fpartner.example",
        )
        .await;
        let rows: Vec<&str> = csv.lines().collect();
        assert!(rows[0].ends_with(",embedded_on,partner"), "{}", rows[0]);
        assert_eq!(rows.len(), 3, "{csv}");
        assert!(rows
            .iter()
            .any(|r| r.ends_with(",https://partner.example,spring-letter")));
        inbox.stop().await;
    }
}
