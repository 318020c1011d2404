//! Cohort retention (next).
