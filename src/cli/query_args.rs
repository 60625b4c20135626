//! The flags that shape how the views read a query, shared by the subcommands that take one
//! (flattened into their arguments) and turned into [`SearchOptions`].

use std::path::PathBuf;

use clap::Args;
use newsdex::language::Language;
use newsdex::SearchOptions;

use super::args::language_code;
use time::Date;

/// How a query is read.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Do not expand glossary names (stemming, folding and spelling normalisation still apply).
    #[arg(long)]
    pub no_expand: bool,
    /// Match surface forms only: no stemming, folding, spelling normalisation or expansion.
    #[arg(long)]
    pub exact: bool,
    /// A glossary file (TOML) used on top of the index's own.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// A word finds only articles written in its own script (by default `Карабах` also finds
    /// `Karabakh`, and `Aliyev` finds `Алиев`).
    #[arg(long)]
    pub no_transliterate: bool,
}

/// Which articles a query keeps: publication dates and languages.
#[derive(Debug, Args)]
pub struct DateArgs {
    /// Only articles in these languages (ISO 639-1 codes, comma-separated: --lang ru,az).
    #[arg(long, value_delimiter = ',', value_parser = language_code, value_name = "CODE[,CODE]")]
    pub lang: Vec<Language>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = from_date, value_name = "DATE")]
    pub since: Option<Date>,
    /// Only articles published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD; a month or
    /// year includes all its days).
    #[arg(long, value_parser = to_date, value_name = "DATE")]
    pub until: Option<Date>,
}

impl QueryArgs {
    /// The search options these flags ask for (no date limits).
    pub fn options(&self) -> SearchOptions {
        SearchOptions {
            expand: !self.no_expand,
            exact: self.exact,
            glossary: self.glossary.clone(),
            transliterate: !self.no_transliterate,
            ..SearchOptions::default()
        }
    }
}

impl DateArgs {
    /// Adds the date and language limits to search options.
    pub fn restrict(&self, options: SearchOptions) -> SearchOptions {
        SearchOptions {
            since: self.since,
            until: self.until,
            languages: self.lang.clone(),
            ..options
        }
    }
}

/// The first day of a period written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn from_date(text: &str) -> Result<Date, String> {
    date_bound(text, false)
}

/// The last day of such a period.
fn to_date(text: &str) -> Result<Date, String> {
    date_bound(text, true)
}

fn date_bound(text: &str, last: bool) -> Result<Date, String> {
    newsdex::search::period(text, last)
        .ok_or_else(|| format!("bad date \"{text}\"; dates are YYYY, YYYY-MM or YYYY-MM-DD"))
}
