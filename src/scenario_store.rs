//! Where a visitor's named scenarios live: this browser's `localStorage`,
//! one list per calculator, never sent anywhere. Also how a compared
//! scenario travels in the page's URL (`scenario=name|query`).

use quire_calc::scenarios::{Scenario, MAX_SAVED, PARAM};

/// Why a scenario could not be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("this browser keeps no data for this site (storage is off or full), so the scenario was not saved; its link still works")]
    Unavailable,
    #[error("{MAX_SAVED} scenarios are saved for this calculator; delete one to save another")]
    Full,
}

/// The scenario as one URL parameter value: its name, `|`, and its inputs
/// as a query string (which never holds a bare `|`).
pub fn to_param(scenario: &Scenario) -> String {
    format!("{}|{}", scenario.name, to_query(&scenario.inputs))
}

/// A scenario from a [`PARAM`] value; the name may itself hold `|`.
pub fn from_param(value: &str) -> Scenario {
    let (name, query) = value.rsplit_once('|').unwrap_or((value, ""));
    Scenario {
        name: name.to_string(),
        inputs: form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
    }
}

/// The scenarios a page's query compares, in order.
pub fn compared_in<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<Scenario> {
    pairs
        .filter(|(key, _)| *key == PARAM)
        .map(|(_, value)| from_param(value))
        .take(quire_calc::scenarios::MAX_COMPARED)
        .collect()
}

pub fn to_query(pairs: &[(String, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    query.finish()
}

/// The scenarios saved for the calculator at `slug`, oldest first; none
/// when storage is off or holds something unreadable.
pub fn saved(slug: &str) -> Vec<Scenario> {
    let Some(text) = storage().and_then(|s| s.get_item(&key(slug)).ok().flatten()) else {
        return Vec::new();
    };
    serde_json::from_str::<Vec<(String, String)>>(&text)
        .map(|list| {
            list.into_iter()
                .map(|(name, query)| from_param(&format!("{name}|{query}")))
                .collect()
        })
        .unwrap_or_default()
}

/// Saves `scenario`, replacing one of the same name; returns the new list.
pub fn save(slug: &str, scenario: Scenario) -> Result<Vec<Scenario>, StoreError> {
    let mut list = saved(slug);
    match list.iter().position(|s| s.name == scenario.name) {
        Some(same) => list[same] = scenario,
        None if list.len() >= MAX_SAVED => return Err(StoreError::Full),
        None => list.push(scenario),
    }
    write(slug, &list)?;
    Ok(list)
}

/// Deletes the scenario named `name`; returns the new list.
pub fn delete(slug: &str, name: &str) -> Result<Vec<Scenario>, StoreError> {
    let mut list = saved(slug);
    list.retain(|s| s.name != name);
    write(slug, &list)?;
    Ok(list)
}

fn write(slug: &str, list: &[Scenario]) -> Result<(), StoreError> {
    let pairs: Vec<(&str, String)> = list
        .iter()
        .map(|s| (s.name.as_str(), to_query(&s.inputs)))
        .collect();
    let text = serde_json::to_string(&pairs).map_err(|_| StoreError::Unavailable)?;
    storage()
        .and_then(|s| s.set_item(&key(slug), &text).ok())
        .ok_or(StoreError::Unavailable)
}

fn key(slug: &str) -> String {
    format!("quire.scenarios.v1.{slug}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_survives_its_url_parameter() {
        let scenario = Scenario {
            name: "Q3 | brand & search".into(),
            inputs: vec![
                ("revenue".into(), "12,000".into()),
                ("channel".into(), "Search|1000|4000".into()),
            ],
        };
        let param = to_param(&scenario);
        assert_eq!(from_param(&param), scenario);
        // And through the page's own query, as a link carries it.
        let query = to_query(&[(PARAM.into(), param)]);
        let back: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let compared = compared_in(back.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(compared, [scenario]);
    }

    #[test]
    fn at_most_three_are_compared() {
        let pairs = (0..5).map(|i| (PARAM, if i % 2 == 0 { "a|x=1" } else { "b|x=2" }));
        assert_eq!(
            compared_in(pairs).len(),
            quire_calc::scenarios::MAX_COMPARED
        );
    }
}
