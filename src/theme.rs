//! Light and dark themes: which one applies, and how the reader's choice is
//! stored. Pure rules, no Leptos, no browser (the toggle component applies them).

/// Where the reader's choice is kept (`localStorage`). `assets/theme.js`
/// reads the same key before the first paint.
pub const STORAGE_KEY: &str = "quire.theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// A stored choice; anything else (nothing stored, an old or edited
    /// value) means "follow the system".
    pub fn parse(stored: &str) -> Option<Self> {
        match stored {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }

    /// As stored, and as the `data-theme` attribute on `<html>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }

    /// The theme in use: the reader's choice, else the system's.
    pub fn effective(chosen: Option<Self>, system_prefers_dark: bool) -> Self {
        chosen.unwrap_or(if system_prefers_dark {
            Self::Dark
        } else {
            Self::Light
        })
    }

    /// What the toggle button says it will do.
    pub fn switch_label(self) -> &'static str {
        match self {
            Self::Light => "Switch to dark theme",
            Self::Dark => "Switch to light theme",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_beats_the_system() {
        assert_eq!(Theme::effective(Some(Theme::Light), true), Theme::Light);
        assert_eq!(Theme::effective(Some(Theme::Dark), false), Theme::Dark);
        assert_eq!(Theme::effective(None, true), Theme::Dark);
        assert_eq!(Theme::effective(None, false), Theme::Light);
    }

    #[test]
    fn stored_values_round_trip_and_junk_means_system() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(theme.as_str()), Some(theme));
            assert_eq!(theme.other().other(), theme);
        }
        assert_eq!(Theme::parse(""), None);
        assert_eq!(Theme::parse("Dark"), None);
        assert_eq!(Theme::parse("system"), None);
    }
}
