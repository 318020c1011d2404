//! Browser tests: components mounted into a real DOM in headless Chromium.
//! Run by `cargo xtask test` (`cargo test --target wasm32-unknown-unknown --test browser`).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use quire::api::ApiError;
use quire::components::error_view::ErrorView;
use quire::components::post_cards::PostCards;
use quire_model::PostSummary;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount one test's view into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let section = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&section).unwrap();
    section.unchecked_into()
}

/// Lets timers, fetches and effects run for 20 ms.
async fn wait_a_moment() {
    let pause = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(pause).await.unwrap();
}

/// Waits until `selector` matches inside `root`, for views fed by a fetch.
async fn wait_for(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    for _ in 0..150 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        wait_a_moment().await;
    }
    panic!(
        "nothing matched {selector} within 3 s; the DOM is: {}",
        root.inner_html()
    );
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn summary(slug: &str, date: &str, draft: bool) -> PostSummary {
    PostSummary {
        slug: slug.into(),
        title: format!("Title of {slug}"),
        date: date.into(),
        summary: format!("About {slug}"),
        topic: None,
        tags: vec![],
        reading_minutes: 4,
        updated: None,
        featured: false,
        series: None,
        canonical_url: None,
        draft,
        scheduled: false,
        social_image: None,
    }
}

#[wasm_bindgen_test]
async fn error_view_explains_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let error = ApiError::Status {
        url: "/content/index.json".into(),
        status: 503,
    };
    let _mounted = mount_to(root.clone(), move || {
        view! { <ErrorView error=error.clone() on_retry=move |()| retries.update(|n| *n += 1) /> }
    });

    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert region");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("the server answered 503"));

    let button: web_sys::HtmlElement = root
        .query_selector("[data-testid=retry]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    tick().await;
    button.click();
    tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn post_list_links_each_post_and_marks_drafts() {
    let root = container();
    let posts = vec![
        summary("newest", "2026-03-04", true),
        summary("older", "2025-12-31", false),
    ];
    let _mounted = mount_to(
        root.clone(),
        move || view! { <PostCards posts=posts.clone() /> },
    );

    let links = root.query_selector_all("li a").unwrap();
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i))
        .map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(hrefs, ["/posts/newest", "/posts/older"]);
    assert_eq!(texts(&root, "time"), ["4 March 2026", "31 December 2025"]);
    assert_eq!(texts(&root, ".badge-draft"), ["Draft"]);
    assert_eq!(
        root.query_selector("time")
            .unwrap()
            .unwrap()
            .get_attribute("datetime")
            .unwrap(),
        "2026-03-04"
    );
}

#[wasm_bindgen_test]
async fn empty_post_list_says_so() {
    let root = container();
    let _mounted = mount_to(root.clone(), || view! { <PostCards posts=vec![] /> });
    assert_eq!(texts(&root, "p"), ["No posts yet."]);
    assert!(root.query_selector("ul").unwrap().is_none());
}

/// The whole app, where the test server has no bundles: the landing page's
/// fetch fails and the visitor gets an error view with a retry, not a panic.
#[wasm_bindgen_test]
async fn app_without_bundles_shows_an_error_view() {
    let root = container();
    let _mounted = mount_to(root.clone(), quire::App);
    let alert = wait_for(&root, "[data-testid=error-view]").await;
    assert!(alert
        .query_selector("[data-testid=retry]")
        .unwrap()
        .is_some());
    assert!(
        root.query_selector("main#main").unwrap().is_some(),
        "the page keeps its landmarks"
    );
}

/// Types `text` into the input labelled by `id`, as a visitor would.
fn type_into(root: &web_sys::HtmlElement, id: &str, text: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn calculator_form_computes_as_you_type_and_writes_the_url() {
    use leptos_router::components::Router;
    use quire::components::calculator_form::CalculatorForm;

    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! { <Router><CalculatorForm calculator=quire_calc::roas::CALCULATOR /></Router> }
    });
    // Before any input, each result says what it needs.
    let waiting = wait_for(&root, "[data-testid=waiting-roas]").await;
    assert_eq!(
        waiting.text_content().unwrap(),
        "Needs revenue from ads and ad spend."
    );

    // ROAS needs only revenue and spend; profit waits for the margin.
    type_into(&root, "field-revenue", "12000");
    type_into(&root, "field-spend", "3000");
    let roas = wait_for(&root, "[data-testid=result-roas]").await;
    assert_eq!(roas.text_content().unwrap(), "4.00× (400.0%)");
    let profit = wait_for(&root, "[data-testid=waiting-profit]").await;
    assert_eq!(profit.text_content().unwrap(), "Needs gross margin.");
    type_into(&root, "field-margin", "40");
    wait_for(&root, "[data-testid=result-profit]").await;

    type_into(&root, "field-spend", "0");
    wait_for(&root, "[data-testid=waiting-roas]").await;
    let error = root
        .query_selector("[data-testid=error-spend]")
        .unwrap()
        .unwrap();
    assert_eq!(
        error.text_content().unwrap(),
        "Ad spend must be more than zero"
    );

    // The inputs are mirrored into the query string, so the result is a link.
    let mut search = String::new();
    for _ in 0..50 {
        search = web_sys::window().unwrap().location().search().unwrap();
        if search.contains("spend=0") {
            break;
        }
        wait_a_moment().await;
    }
    assert!(
        search.contains("revenue=12000") && search.contains("spend=0"),
        "{search}"
    );
}

#[wasm_bindgen_test]
async fn pagination_links_pages_and_marks_the_current_one() {
    use quire::components::pagination::Pagination;

    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! { <Pagination key=quire_model::ListKey::Topic("postgresql".into()) current=5 total=10 /> }
    });
    let hrefs: Vec<String> = {
        let links = root.query_selector_all("a").unwrap();
        (0..links.length())
            .filter_map(|i| links.item(i))
            .map(|n| {
                n.unchecked_into::<web_sys::Element>()
                    .get_attribute("href")
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(
        hrefs,
        [
            "/topics/postgresql/page/4",
            "/topics/postgresql",
            "/topics/postgresql/page/4",
            "/topics/postgresql/page/5",
            "/topics/postgresql/page/6",
            "/topics/postgresql/page/10",
            "/topics/postgresql/page/6",
        ]
    );
    assert_eq!(texts(&root, "[aria-current=page]"), ["5"]);
    assert_eq!(texts(&root, ".pagination-gap"), ["…", "…"]);
    assert_eq!(texts(&root, "[rel=prev]"), ["← Newer"]);

    // A single page needs no bar at all.
    let single = container();
    let _one = mount_to(single.clone(), || {
        view! { <Pagination key=quire_model::ListKey::All current=1 total=1 /> }
    });
    assert!(single.query_selector("nav").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn table_of_contents_marks_the_section_scrolled_to() {
    use quire::components::table_of_contents::TableOfContents;
    use quire_model::TocEntry;

    let root = container();
    // Three tall sections, so each heading can be scrolled past.
    root.set_inner_html(
        "<h2 id=\"one\">One</h2><div style=\"height:1500px\"></div>\
         <h2 id=\"two\">Two</h2><div style=\"height:1500px\"></div>\
         <h2 id=\"three\">Three</h2><div style=\"height:1500px\"></div>",
    );
    let entries: Vec<TocEntry> = ["one", "two", "three"]
        .into_iter()
        .map(|id| TocEntry {
            level: 2,
            id: id.into(),
            title: id.into(),
        })
        .collect();
    let nav = container();
    let _mounted = mount_to(
        nav.clone(),
        move || view! { <TableOfContents entries=entries.clone() /> },
    );

    let window = web_sys::window().unwrap();
    let current = || texts(&nav, "[aria-current=location]");
    let two = document().get_element_by_id("two").unwrap();
    let two_top = two.get_bounding_client_rect().top() + window.scroll_y().unwrap();
    window.scroll_to_with_x_and_y(0.0, two_top - 50.0);
    for _ in 0..50 {
        if current() == ["two"] {
            break;
        }
        wait_a_moment().await;
    }
    assert_eq!(current(), ["two"]);

    window.scroll_to_with_x_and_y(0.0, 0.0);
    for _ in 0..50 {
        if current().is_empty() || current() == ["one"] {
            break;
        }
        wait_a_moment().await;
    }
    assert!(
        current().is_empty() || current() == ["one"],
        "{:?}",
        current()
    );
    root.set_inner_html("");
}

#[wasm_bindgen_test]
async fn theme_toggle_switches_and_remembers_the_choice() {
    use quire::components::theme_toggle::ThemeToggle;
    use quire::theme::STORAGE_KEY;

    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item(STORAGE_KEY).unwrap();
    let html = document().document_element().unwrap();
    html.remove_attribute("data-theme").unwrap();

    let root = container();
    let _mounted = mount_to(root.clone(), || view! { <ThemeToggle /> });
    tick().await;
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let first_label = button.get_attribute("aria-label").unwrap();
    // With no choice stored, the system's theme applies: the button offers the other.
    let offered = if first_label.contains("dark") {
        "dark"
    } else {
        "light"
    };

    button.click();
    tick().await;
    assert_eq!(
        storage.get_item(STORAGE_KEY).unwrap().as_deref(),
        Some(offered)
    );
    assert_eq!(html.get_attribute("data-theme").as_deref(), Some(offered));
    assert_ne!(button.get_attribute("aria-label").unwrap(), first_label);

    button.click();
    tick().await;
    let back = if offered == "dark" { "light" } else { "dark" };
    assert_eq!(
        storage.get_item(STORAGE_KEY).unwrap().as_deref(),
        Some(back)
    );
    assert_eq!(button.get_attribute("aria-label").unwrap(), first_label);

    storage.remove_item(STORAGE_KEY).unwrap();
    html.remove_attribute("data-theme").unwrap();
}

/// quire writes numbers and money exactly as the browser's own
/// `Intl.NumberFormat` does, for every locale and currency it offers.
#[wasm_bindgen_test]
fn number_formats_match_the_browsers_intl() {
    use quire_calc::format::{NumberFormat, CURRENCIES, LOCALES};
    let intl = |locale: &str, options: &[(&str, wasm_bindgen::JsValue)]| {
        let object = js_sys::Object::new();
        for (key, value) in options {
            js_sys::Reflect::set(&object, &(*key).into(), value).unwrap();
        }
        let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale.into()), &object);
        move |value: f64| {
            format
                .format()
                .call1(&wasm_bindgen::JsValue::NULL, &value.into())
                .unwrap()
                .as_string()
                .unwrap()
        }
    };
    // No value sits on a rounding tie, where a binary fraction may fall either way.
    let values = [
        0.0,
        0.05,
        7.0,
        1234.5,
        -1234.5,
        98_765.432,
        -0.6,
        1_000_000.0,
    ];
    for locale in &LOCALES {
        for currency in &CURRENCIES {
            let fmt = NumberFormat::new(locale.tag, currency.code).unwrap();
            let browser = intl(
                locale.tag,
                &[
                    ("style", "currency".into()),
                    ("currency", currency.code.into()),
                ],
            );
            for value in values {
                assert_eq!(
                    fmt.money(value),
                    browser(value),
                    "{} {} {value}",
                    locale.tag,
                    currency.code
                );
            }
        }
        let fmt = NumberFormat::new(locale.tag, "USD").unwrap();
        let percent = intl(
            locale.tag,
            &[
                ("style", "percent".into()),
                ("minimumFractionDigits", 1.into()),
                ("maximumFractionDigits", 1.into()),
            ],
        );
        let two_places = intl(
            locale.tag,
            &[
                ("minimumFractionDigits", 2.into()),
                ("maximumFractionDigits", 2.into()),
            ],
        );
        for share in [0.0, 0.1234, 0.5, -0.0371, 1.0, 12.3456] {
            assert_eq!(
                fmt.percent(share),
                percent(share),
                "{} percent {share}",
                locale.tag
            );
        }
        for value in values {
            assert_eq!(
                fmt.ratio(value),
                two_places(value),
                "{} ratio {value}",
                locale.tag
            );
        }
    }
}
