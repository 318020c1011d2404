use leptos::prelude::*;

use crate::components::page_meta::PageMeta;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use quire_model::route::{HeadContent, Route};
use quire_search::index::FilterRef;
use quire_search::protocol::{SearchAnswer, ShownResult};
use quire_search::Segment;

use crate::format::long_date;
use crate::search::{search, Search};
use crate::site_index::SiteIndex;

/// Results shown at first, and added by "Show more results".
const RESULTS_PER_PAGE: u32 = 10;

/// `/search?q=…&topic=…&tag=…`: the results of the header's search box. The
/// URL is the whole state, so a search can be shared, bookmarked and
/// returned to with the back button.
#[component]
pub fn SearchPage() -> impl IntoView {
    let index = expect_context::<SiteIndex>();
    let params = use_query_map();
    let param = move |name: &str| params.read().get(name).filter(|v| !v.trim().is_empty());
    let text = Memo::new(move |_| param("q").unwrap_or_default());
    let topic = Memo::new(move |_| param("topic"));
    let tag = Memo::new(move |_| param("tag"));
    let limit = RwSignal::new(RESULTS_PER_PAGE);
    // A new question starts again at the first results.
    Effect::watch(
        move || (text.get(), topic.get(), tag.get()),
        move |_, _, _| limit.set(RESULTS_PER_PAGE),
        false,
    );
    let request = Memo::new(move |_| Search {
        text: text.get(),
        topic: topic.get(),
        tag: tag.get(),
        limit: limit.get(),
    });
    let build = Memo::new(move |_| index.build());
    // Without the site index there is no build to search: say so, and retry it.
    let index_error = Memo::new(move |_| {
        index
            .0
            .read()
            .as_ref()
            .and_then(|loaded| loaded.as_ref().err().map(|e| e.to_string()))
    });
    let results = LocalResource::new(move || {
        let (request, build) = (request.get(), build.get());
        async move {
            match build {
                Some(build) if !request.text.trim().is_empty() => {
                    Some((request.clone(), search(build, request).await))
                }
                _ => None,
            }
        }
    });
    // The last answer stays on screen while the next one loads, so typing
    // does not make the list flicker.
    let shown = RwSignal::new(None::<(Search, SearchAnswer)>);
    let error = RwSignal::new(None::<String>);
    Effect::new(move || match results.get() {
        Some(Some((request, Ok(found)))) => {
            error.set(None);
            shown.set(Some((request, found)));
        }
        Some(Some((_, Err(e)))) => error.set(Some(e)),
        Some(None) => {
            error.set(None);
            shown.set(None);
        }
        None => {}
    });
    let busy = move || {
        !text.get().trim().is_empty()
            && shown.with(|s| s.as_ref().map(|(r, _)| r) != Some(&request.get()))
            && error.get().is_none()
            && index_error.get().is_none()
    };

    let navigate = use_navigate();
    let go = move |topic: Option<String>, tag: Option<String>| {
        navigate(
            &search_url(&text.get_untracked(), topic.as_deref(), tag.as_deref()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let choose_topic = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            go(
                Some(event_target_value(&ev)).filter(|v| !v.is_empty()),
                tag.get_untracked(),
            )
        }
    };
    let choose_tag = move |ev: leptos::ev::Event| {
        go(
            topic.get_untracked(),
            Some(event_target_value(&ev)).filter(|v| !v.is_empty()),
        )
    };

    let status = move || {
        let text = text.get();
        if text.trim().is_empty() {
            return "Type in the search box to find posts and pages.".to_string();
        }
        match shown.get() {
            Some((request, found)) if request.text == text => status_line(
                &text,
                found.total,
                topic.get().is_some() || tag.get().is_some(),
            ),
            _ => String::new(),
        }
    };
    let filters = move || {
        shown.get().map(|(_, found)| {
            let topic_label =
                move |slug: &str| index.topic(slug).map_or(slug.to_string(), |t| t.name);
            view! {
                <div class="search-filters">
                    <label>
                        <span>"Topic"</span>
                        <select data-testid="search-topic" on:change=choose_topic.clone()>
                            <option value="" selected=topic.get().is_none()>"All topics"</option>
                            {filter_options(&found.topics, topic.get(), topic_label)}
                        </select>
                    </label>
                    <label>
                        <span>"Tag"</span>
                        <select data-testid="search-tag" on:change=choose_tag.clone()>
                            <option value="" selected=tag.get().is_none()>"All tags"</option>
                            {filter_options(&found.tags, tag.get(), |tag: &str| tag.to_string())}
                        </select>
                    </label>
                </div>
            }
        })
    };
    let list = move || {
        shown.get().map(|(_, found)| {
            let more = found.total as usize > found.shown.len();
            let items = found
                .shown
                .into_iter()
                .map(|result| result_view(result, index))
                .collect_view();
            view! {
                <ol class="search-results" role="list" on:keydown=move_between_results>
                    {items}
                </ol>
                <Show when=move || more>
                    <button
                        type="button"
                        class="button search-more"
                        on:click=move |_| limit.update(|n| *n += RESULTS_PER_PAGE)
                    >
                        "Show more results"
                    </button>
                </Show>
            }
        })
    };

    view! {
        {move || index.site().map(|site| {
            let title = Signal::derive(move || match text.get() {
                t if t.trim().is_empty() => "Search".to_string(),
                t => format!("“{t}”: search"),
            });
            view! { <PageMeta head=Route::Search.head(&site, HeadContent::None) title /> }
        })}
        <section class="search-page" aria-busy=move || busy().to_string()>
            <header class="listing-header">
                <h1>"Search"</h1>
                <p class="search-status" role="status" data-testid="search-status">{status}</p>
            </header>
            {move || error.get().or_else(|| index_error.get()).map(|message| view! {
                <div class="search-error" role="alert" data-testid="search-error">
                    <p>{format!("Search stopped: {message}")}</p>
                    <button type="button" class="button" data-testid="retry" on:click=move |_| {
                        if index_error.get_untracked().is_some() {
                            index.0.refetch();
                        } else {
                            results.refetch();
                        }
                    }>
                        "Try again"
                    </button>
                </div>
            })}
            {filters}
            {list}
        </section>
    }
}

/// The live region's words for a finished search.
fn status_line(text: &str, total: u32, filtered: bool) -> String {
    let scope = if filtered { " with these filters" } else { "" };
    match total {
        0 => format!(
            "No results for “{text}”{scope}. Check the spelling, try fewer words{}.",
            if filtered {
                " or clear the filters"
            } else {
                ""
            }
        ),
        1 => format!("1 result for “{text}”{scope}."),
        n => format!("{n} results for “{text}”{scope}."),
    }
}

fn filter_options(
    filters: &[FilterRef],
    chosen: Option<String>,
    label: impl Fn(&str) -> String,
) -> impl IntoView {
    filters
        .iter()
        .map(|filter| {
            let selected = chosen.as_deref() == Some(filter.value.as_str());
            view! {
                <option value=filter.value.clone() selected=selected>
                    {format!("{} ({})", label(&filter.value), filter.count)}
                </option>
            }
        })
        .collect_view()
}

fn result_view(result: ShownResult, index: SiteIndex) -> impl IntoView {
    let topic = result
        .topic
        .as_deref()
        .and_then(|slug| index.topic(slug))
        .map(|topic| topic.name);
    let meta: Vec<String> = result
        .date
        .as_deref()
        .map(long_date)
        .into_iter()
        .chain(topic)
        .collect();
    view! {
        <li class="search-result" data-testid="search-result">
            <h2 class="search-result-title">
                <a href=result.url class="search-result-link">{marked(result.title)}</a>
            </h2>
            {(!meta.is_empty()).then(|| view! { <p class="post-meta">{meta.join(" · ")}</p> })}
            <p class="search-result-snippet">{marked(result.snippet)}</p>
        </li>
    }
}

fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|segment| {
            if segment.hit {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
}

/// Up and down arrows move between results; Escape goes back to the search box.
fn move_between_results(event: leptos::ev::KeyboardEvent) {
    let step: i32 = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        "Escape" => {
            event.prevent_default();
            focus_search_box();
            return;
        }
        _ => return,
    };
    let links = result_links();
    let active = document().active_element();
    let Some(at) = links
        .iter()
        .position(|link| active.as_ref().is_some_and(|a| a.is_same_node(Some(link))))
    else {
        return;
    };
    event.prevent_default();
    let next = at as i32 + step;
    if next < 0 {
        focus_search_box();
    } else if let Some(link) = links.get(next as usize) {
        focus(link);
    }
}

/// From the search box, the down arrow enters the results.
pub fn focus_first_result() -> bool {
    match result_links().first() {
        Some(first) => {
            focus(first);
            true
        }
        None => false,
    }
}

fn result_links() -> Vec<web_sys::Element> {
    let Ok(found) = document().query_selector_all(".search-result-link") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        .collect()
}

fn focus_search_box() {
    if let Some(input) = document().get_element_by_id(crate::components::site_search::INPUT_ID) {
        focus(&input);
    }
}

fn focus(element: &web_sys::Element) {
    if let Some(element) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(element) {
        let _ = element.focus();
    }
}

/// The address of a search, with its filters.
pub fn search_url(text: &str, topic: Option<&str>, tag: Option<&str>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("q", text);
    if let Some(topic) = topic {
        query.append_pair("topic", topic);
    }
    if let Some(tag) = tag {
        query.append_pair("tag", tag);
    }
    format!("/search?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_urls_carry_the_query_and_filters_encoded() {
        assert_eq!(
            search_url("break-even roas", None, None),
            "/search?q=break-even+roas"
        );
        assert_eq!(
            search_url("a&b", Some("growth"), Some("C#")),
            "/search?q=a%26b&topic=growth&tag=C%23"
        );
    }

    #[test]
    fn the_status_line_says_how_many_and_how_to_widen_an_empty_search() {
        assert_eq!(status_line("rls", 1, false), "1 result for “rls”.");
        assert_eq!(
            status_line("rls", 3, true),
            "3 results for “rls” with these filters."
        );
        assert!(status_line("zzz", 0, false).ends_with("try fewer words."));
        assert!(status_line("zzz", 0, true).contains("clear the filters"));
    }
}
